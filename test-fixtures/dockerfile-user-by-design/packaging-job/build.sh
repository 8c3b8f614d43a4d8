#!/bin/sh
set -e
cd "$(dirname "$0")"
docker build -t ztwd .
docker run -v "$(pwd)/../..":/zto ztwd
