#!/bin/sh
# docker stack deploy reads no .env: the script exports config.env's lines first (set -a, POSIX
# allexport), from the template users copy it from. WEB_PORT and APP_TAG are set; API_SECRET is not.
set -eu
cd "$(dirname "$0")"
set -a
. ./config.env
set +a
docker stack deploy -c docker-compose.yml app
