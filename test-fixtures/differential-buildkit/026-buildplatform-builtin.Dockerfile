FROM --platform=$BUILDPLATFORM alpine:3.20 AS tools
RUN echo tools

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
