#!/bin/sh
set -e
docker compose -f stack/prod/docker-compose.yml up -d
