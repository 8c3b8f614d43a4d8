#!/bin/bash
set -eu
if [ "$1" = "bash" ]; then
  exec "$@"
fi
chown -R "$UID:$GID" .
exec gosu "$UID:$GID" "$@"
