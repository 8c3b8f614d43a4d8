#!/usr/bin/env bash
set -euo pipefail
docker build -f builder.Dockerfile -t iso-builder .
docker run --rm -v "$PWD:/data" --privileged iso-builder
