#!/bin/bash
set -euo pipefail
cd "$( dirname "${BASH_SOURCE[0]}" )/../.."
docker compose -f base.yml -f test/conformance/docker-compose.yml up -d --build
