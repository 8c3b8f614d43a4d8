FROM alpine:3.20
ARG DIR_BINARIES=binaries/
ARG DIR_ASSETS=assets/
WORKDIR /srv/$DIR_ASSET

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: UndefinedVar@4
