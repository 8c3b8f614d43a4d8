#!/bin/bash
set -e
cd "$(dirname "$0")"
mkdir -p assets
cp ../docker/images/files/nginx.conf assets/nginx.conf
docker build -t acme/aio -f Dockerfile .
