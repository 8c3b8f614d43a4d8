#!/bin/bash -e
cd "$(dirname "$0")/../sandbox"
mkdir -p keys
openssl req -batch -new -x509 -nodes -keyout keys/server.key -out keys/server.crt
"${DOCKER_COMPOSE[@]}" up -d
