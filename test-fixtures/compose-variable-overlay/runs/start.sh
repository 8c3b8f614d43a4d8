#!/bin/bash
# RedisInsight's start-test-run.sh: one base file and one environment overlay, both chosen by
# variables (CI passes -r per matrix entry). Compose reads every relative path from the first
# file's directory, runs/, so the overlays' ./rte1/... paths are runs/rte1/...
BASEDIR=$(dirname $0)
BUILD="local"
while getopts "r:t:" opt; do
  case $opt in
    r ) RTE="$OPTARG" ;;
    t ) BUILD="$OPTARG" ;;
  esac
done
eval "RTE=$RTE docker compose \
  -f $BASEDIR/$BUILD.build.yml \
  -f $BASEDIR/$RTE/docker-compose.yml \
  --env-file $BASEDIR/$BUILD.build.env run test"
