# escape=\
FROM alpine:3.20
RUN apk add --no-cache \
    curl

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
