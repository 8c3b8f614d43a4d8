#!/bin/bash
# start the server
exec setpriv --reuid=neo4j --regid=neo4j --init-groups "$@"
