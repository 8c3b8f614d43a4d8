#!/bin/sh
redis-server --port 6379 --bind 0.0.0.0 &
exec docker-entrypoint.sh postgres
