#!/bin/bash
# If we're running as root, then run as the neo4j user. Otherwise
# docker is running with --user and we simply use that user.
if [ "$(id -u)" = "0" ]; then
  exec setpriv --reuid=neo4j --regid=neo4j --init-groups "$@"
fi
exec "$@"
