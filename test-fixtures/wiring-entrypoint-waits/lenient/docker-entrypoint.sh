#!/bin/sh
set -e
python manage.py check --deploy --fail-level ERROR
exec "$@"
