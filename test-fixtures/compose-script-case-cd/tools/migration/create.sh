#!/bin/bash
# bunkerweb's misc/migration/create.sh: climb to the root whichever directory it starts in, then
# go down to its own directory and start the stack with TAG exported.
current_dir=$(basename "$(pwd)")
case "$current_dir" in
  migration) cd ../.. ;;
  tools) cd .. ;;
esac
cd tools/migration || exit 1
export TAG="1.6.0"
docker compose up -d
