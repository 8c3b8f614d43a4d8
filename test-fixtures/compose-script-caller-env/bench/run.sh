#!/usr/bin/env bash
set -e
docker compose up -d
docker compose exec -T php tests.sh
docker compose down
