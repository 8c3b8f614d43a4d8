#!/bin/sh
docker build -t ghcr.io/acme/served-common:noble-full -f vendor-base-served/Dockerfile.full vendor-base-served
docker build -t ghcr.io/acme/served-common:noble-nvidia -f vendor-base-served/Dockerfile.nvidia vendor-base-served
