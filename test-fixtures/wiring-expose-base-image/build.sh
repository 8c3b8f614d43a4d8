#!/bin/sh
set -e
cd "$(dirname "$0")"
docker build -t example/app-base:1 -f Dockerfile-base .
docker build -t example/app:1 .
