#!/bin/sh
docker build -t ghcr.io/acme/vendor-common:noble-full -f vendor-base/Dockerfile.full vendor-base
docker build -t ghcr.io/acme/vendor-common:noble-nvidia -f vendor-base/Dockerfile.nvidia vendor-base
