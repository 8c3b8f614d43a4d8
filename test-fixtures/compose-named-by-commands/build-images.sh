#!/bin/bash
set -e
docker buildx build -f Dockerfile . -t acme/caddy-proxy:ci
