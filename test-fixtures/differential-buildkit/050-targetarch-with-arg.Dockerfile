FROM alpine:3.20
ARG TARGETARCH
LABEL org.example.arch=$TARGETARCH

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
