#!/bin/sh
# the same Dockerfile is also built and pushed: it ships
docker build -t ghcr.io/acme/dtext "$(dirname "$0")"
docker push ghcr.io/acme/dtext
