#!/usr/bin/env bash
set -e
# prepares ./bundle-backend with the application build, then builds the image
build-backend-image() {
    pushd docker/images
    docker build -t acme/backend -f Dockerfile.backend .
    popd
}
build-backend-image
