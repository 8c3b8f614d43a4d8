FROM ubuntu:24.04
LABEL org.opencontainers.image.version=${VERSION:-dev}

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: UndefinedVar@2
