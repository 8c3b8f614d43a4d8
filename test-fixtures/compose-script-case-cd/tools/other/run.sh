#!/bin/bash
# The branch target is a variable: where the script ends up is unknown, so its export tells
# nothing of the compose file below.
case "$1" in
  up) cd "$TARGET" ;;
esac
cd tools/other || exit 1
export VERSION="2"
docker compose up -d
