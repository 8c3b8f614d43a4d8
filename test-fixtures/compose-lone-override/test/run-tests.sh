#!/usr/bin/env bash
# Copies the override beside the quickstart's compose file in a scratch directory and runs both.
set -euo pipefail
work=$(mktemp -d)
cp test/compose.override.yml ../quickstart/compose.yml "$work/"
cd "$work" && docker compose run --rm quickstart-test
