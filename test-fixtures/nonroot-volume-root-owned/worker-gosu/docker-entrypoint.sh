#!/bin/sh
set -e
chown app:app /data/out
exec gosu app "$@"
