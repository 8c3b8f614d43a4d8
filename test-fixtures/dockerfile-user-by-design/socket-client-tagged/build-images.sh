#!/bin/bash
set -e
OUTPUT="type=local,dest=local"
TAGS=
if [[ "${GITHUB_REF}" == "refs/heads/master" ]]; then
    OUTPUT="type=registry"
    TAGS="-t acme/socket-proxy:ci"
fi
if [[ "${GITHUB_REF}" =~ ^refs/tags/v ]]; then
    VERSION=$(echo $GITHUB_REF | cut -c11-)
    OUTPUT="type=registry"
    TAGS="-t acme/socket-proxy:latest \
        -t acme/socket-proxy:${VERSION}"
fi
docker buildx build -f Dockerfile . \
    -o $OUTPUT \
    $TAGS
