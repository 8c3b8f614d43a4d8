#!/bin/bash
set -e
DIR="$(cd "$(dirname "$0")" && pwd)"
cd "$DIR"
CGO_ENABLED=0 GOOS=linux go build -o "$1"
