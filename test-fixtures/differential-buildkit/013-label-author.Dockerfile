FROM alpine:3.20
LABEL org.opencontainers.image.authors="me@example.org"

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
