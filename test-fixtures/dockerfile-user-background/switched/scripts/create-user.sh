#!/bin/sh
# If we aren't running as root, just exec the CMD
[ "$(id -u)" -ne 0 ] && exec "$@"
PUID=${PUID:-1000}
PGID=${PGID:-1000}
mkdir -p /opt/app/data && chown -R "$PUID:$PGID" /opt/app/data
exec su-exec "$PUID:$PGID" "$@"
