#!/bin/sh
set -e
cd "$(dirname "$0")"
docker build -t acme/served .
docker run -d -p 8080:8080 acme/served serve
