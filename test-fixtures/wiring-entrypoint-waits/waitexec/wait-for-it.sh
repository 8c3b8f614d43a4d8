#!/usr/bin/env bash
# Trimmed stand-in for github.com/vishnubob/wait-for-it: wait for host:port, then run the rest.
HOST="${1%%:*}"; PORT="${1##*:}"; shift
while [ "$1" != "--" ] && [ $# -gt 0 ]; do shift; done
shift
until (echo > "/dev/tcp/$HOST/$PORT") 2>/dev/null; do sleep 1; done
exec "$@"
