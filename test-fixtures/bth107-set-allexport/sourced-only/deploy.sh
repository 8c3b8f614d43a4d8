#!/bin/sh
# Near miss: without set -a the sourced lines are the script's own variables, not exported, so
# docker stack deploy does not see them.
set -eu
cd "$(dirname "$0")"
. ./config.env
docker stack deploy -c docker-compose.yml app
