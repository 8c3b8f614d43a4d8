#!/usr/bin/env bash
set -euo pipefail
npm install
docker build -t otel-example .
