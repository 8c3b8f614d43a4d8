arg VERSION=3.20
FROM alpine:${VERSION}
RUN echo ok

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
