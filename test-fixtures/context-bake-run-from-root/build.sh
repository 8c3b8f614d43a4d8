#!/bin/sh
# run from the repository root: Bake resolves `context = "docker"` from here
set -e
cd "$(dirname "$0")"
go build ./...
docker buildx bake -f docker/docker-bake.hcl app
