#!/bin/sh
# The command in $compose may be `sudo docker compose`: sudo resets the environment, so the
# assignment before it does not reach compose, and the variable is not taken as set.
set -e

if [ "$(id -u)" -ne 0 ]; then
  compose="sudo docker compose"
else
  compose="docker compose"
fi

RELEASE=${1} $compose -f "$(dirname "$0")/docker-compose.yml" up -d
