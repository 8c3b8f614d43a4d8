#!/bin/bash
# tuxgasy/docker-dolibarr's test.sh: the compose command is kept in a variable, and whichever
# branch assigns it, it is docker-compose or docker compose, so the variables assigned before it
# are in compose's environment (PHP_VERSION is set, to an empty string, on purpose).
set -e

BASE_DIR="$( cd "$(dirname "$0")" && pwd )"
DOLI_VER=${1}

if which docker-compose > /dev/null; then
  dockerComposeBin="docker-compose"
else
  dockerComposeBin="docker compose"
fi

DOLI_VERSION=${DOLI_VER} PHP_VERSION="" $dockerComposeBin -f "${BASE_DIR}/docker-compose.yml" up -d web
DOLI_VERSION=${DOLI_VER} PHP_VERSION="" $dockerComposeBin -f "${BASE_DIR}/docker-compose.yml" down
