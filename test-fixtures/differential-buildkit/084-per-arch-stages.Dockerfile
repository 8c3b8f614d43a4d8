FROM --platform=linux/amd64 alpine:3.20 AS build_amd64
RUN echo amd64 > /arch

FROM --platform=linux/arm64 alpine:3.20 AS build_arm64
RUN echo arm64 > /arch

FROM build_${TARGETARCH} AS build
RUN cat /arch

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
