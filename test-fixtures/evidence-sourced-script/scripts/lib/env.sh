#!/bin/bash
# sourced by build.sh: the build's Dockerfile and context, from this file's own place
# (BASH_SOURCE names the sourced file, $0 the script that sources it)
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DOCKERFILE="$ROOT_DIR/app/Dockerfile"
CONTEXT="$ROOT_DIR"
