#!/bin/sh
if [ "$(id -u)" != 0 ]; then
  exec /app/app "$@"
else
  chown -R "${PUID}:${PGID}" /config
  exec su-exec "${PUID}:${PGID}" /app/app "$@"
fi
