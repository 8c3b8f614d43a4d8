#!/bin/bash -eu
# neo4j/docker-neo4j 3.3: as root, the server starts through gosu as neo4j
if [ "$(id -u)" = "0" ]; then
  exec_cmd="exec gosu app:app"
else
  exec_cmd="exec"
fi
${exec_cmd} "$@"
