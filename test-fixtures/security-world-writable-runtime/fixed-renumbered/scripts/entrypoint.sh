#!/usr/bin/env bash
set -euo pipefail
source /usr/local/bin/04-user-setup.sh
exec gosu www-data "$@"
