#!/bin/sh
set -e
cd "$(dirname "$0")"
docker build -t sitepreview .
docker run -v "$(pwd)/site":/site -p 8000:8000 sitepreview
