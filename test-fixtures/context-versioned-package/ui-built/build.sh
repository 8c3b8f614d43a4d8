#!/bin/sh
docker build -t acme/ui -f "$(dirname "$0")/dockerfile" "$(dirname "$0")"
