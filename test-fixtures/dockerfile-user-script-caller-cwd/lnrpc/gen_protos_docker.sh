#!/bin/bash
set -e
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
docker build -t lnd-protobuf-builder .
docker run \
	--rm \
	--user "$UID:$(id -g)" \
	-v "$DIR/../:/build" \
	lnd-protobuf-builder
