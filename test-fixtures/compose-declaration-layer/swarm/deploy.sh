#!/bin/sh
files="$1"
docker stack deploy -c docker-compose.default.yml $files teable
