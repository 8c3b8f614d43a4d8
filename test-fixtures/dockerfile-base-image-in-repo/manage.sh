#!/usr/bin/env bash
set -e
build-imagemagick() {
    pushd tools/imagemagick
    docker buildx build --build-arg VERSION=7.1.1 -t acme/imagemagick:latest .
    popd
}
build-worker-base() {
    docker build -f worker/Dockerfile.base -t acme/worker-base worker
}
migrate() {
    docker run --rm acme/worker-base ./migrate
}
"$@"
