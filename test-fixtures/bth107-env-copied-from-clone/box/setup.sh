#!/bin/bash
# go-livepeer's box/supabase.sh: clone the upstream docker setup (its .env.example included),
# put our compose file in it and make its .env from the upstream template.
DEST="./box/upstream"
if [ ! -d "$DEST" ]; then
  cd ./box
  git clone --branch v1.0.0 --depth 1 https://github.com/example/upstream.git upstream-repo
  cp -r upstream-repo/docker ./upstream
  rm -rf upstream-repo
  cp docker-compose.upstream.yml upstream/docker-compose.yml
  cp upstream/.env.example upstream/.env
  cd ..
fi
cd ./box/upstream
docker compose up
