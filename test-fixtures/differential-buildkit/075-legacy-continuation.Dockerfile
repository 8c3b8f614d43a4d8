FROM alpine:3.20
ENV DEPS \
    curl \
    git

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: LegacyKeyValueFormat@2
