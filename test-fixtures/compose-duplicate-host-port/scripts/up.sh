#!/bin/sh
# Both stacks are started as one Compose project.
set -e
docker compose -p shop-ops -f ops/api/compose.yaml up -d
docker compose -p shop-ops -f ops/worker/compose.yaml up -d
