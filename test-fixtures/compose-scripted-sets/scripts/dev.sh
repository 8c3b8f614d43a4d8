#!/bin/sh
# The penpot layout: the dev stack takes its settings from an env file the script passes, and a
# variable the script exports.
set -e
export APP_SOURCE_PATH="$(pwd)"
docker compose --env-file config/dev.env -f compose.dev.yml up -d
