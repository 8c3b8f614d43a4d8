#!/bin/sh
set -e
exec /usr/local/bin/wait-for-it.sh db:5432 -t 60 -- "$@"
