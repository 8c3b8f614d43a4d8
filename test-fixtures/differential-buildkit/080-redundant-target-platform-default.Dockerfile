FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3.20 AS base
RUN uname -m

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: RedundantTargetPlatform@1
