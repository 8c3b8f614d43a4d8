FROM alpine:3.20
MAINTAINER me@example.org

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: MaintainerDeprecated@2
