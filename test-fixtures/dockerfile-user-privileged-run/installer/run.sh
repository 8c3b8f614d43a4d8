#!/usr/bin/env bash
set -euo pipefail
docker build -f rootfs.Dockerfile -t iso-builder .
docker export -o rootfs.tar "$(docker run -d iso-builder /bin/true)"
docker build -f builder.Dockerfile -t iso-builder:builder .
docker run --rm -v "$PWD:/data" --privileged iso-builder:builder
docker build -f console.Dockerfile -t iso-builder:console .
docker run --rm -p 8080:8080 iso-builder:console
