#!/bin/sh
set -e
mkdir -p /var/lib/server
chown app /var/lib/server
exec su-exec app /usr/local/bin/server "$@"
