#!/bin/bash
set -euo pipefail

echo "Validating production configuration"
python manage.py check --deploy --fail-level WARNING

exec "$@"
