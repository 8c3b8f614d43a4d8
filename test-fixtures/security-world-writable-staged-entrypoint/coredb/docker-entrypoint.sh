#!/bin/bash -eu
# If we're running as root, then run as the neo4j user. Otherwise
# docker is running with --user and we simply use that user.
if [ "$(id -u)" = "0" ]; then
  exec gosu neo4j "$@"
fi
exec "$@"
