#!/bin/bash
cd test
if [ "$1" = 18 ]; then
  F=docker-compose-pgtarget18.yml
else
  F=docker-compose-pgtarget.yml
fi
export TARGET_TAG="$1-trixie"
docker compose -f $F up -d
