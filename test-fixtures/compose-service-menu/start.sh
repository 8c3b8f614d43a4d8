#!/bin/sh
# The laradock way: start only the services a project needs, e.g. ./start.sh nginx mysql
set -e
docker compose up -d "$@"
