#!/bin/sh
# Both setups in the background under one project name: they are up side by side.
docker compose -f compose/local-dev-compose.yml -p weed up &
docker compose -f compose/local-mount-compose.yml -p weed up &
wait
