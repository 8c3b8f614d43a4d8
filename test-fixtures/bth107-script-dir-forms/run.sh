#!/bin/bash
# unstract's run-platform.sh: the script's directory from readlink -f of $BASH_SOURCE, and the
# compose command given VERSION on its command line.
script_dir=$(dirname "$(readlink -f "$BASH_SOURCE")")
VERSION=latest docker compose -f "$script_dir/docker/compose.build.yaml" build
