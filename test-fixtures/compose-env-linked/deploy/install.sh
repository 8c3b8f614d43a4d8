#!/usr/bin/env bash
# The installer edits common.env and links it as the .env Compose reads (openreplay's install.sh).
set -euo pipefail
cd "$(dirname "$0")"
sed -i "s/change_me_domain/${DOMAIN_NAME}/g" common.env
echo "PROXY_DOMAIN=\"$DOMAIN_NAME\"" >> common.env
ln -sf common.env .env
docker compose up -d
