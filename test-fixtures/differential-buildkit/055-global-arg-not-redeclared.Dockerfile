ARG VERSION=1.0
FROM alpine:3.20
LABEL org.opencontainers.image.version=$VERSION

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: UndefinedVar@3
