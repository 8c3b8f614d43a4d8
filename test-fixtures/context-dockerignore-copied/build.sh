#!/usr/bin/env bash
set -euo pipefail
ROOT="$(cd "$(dirname "$0")" && pwd)"
cp "${ROOT}/server/.dockerignore" "${ROOT}/.dockerignore"
docker build --file "${ROOT}/server/Dockerfile" --tag server "${ROOT}"
docker build --file "${ROOT}/worker/Dockerfile" --tag worker "${ROOT}"
