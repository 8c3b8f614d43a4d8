#!/bin/sh
set -e

if [ "$1" = "gunicorn" ]; then
  until pg_isready -h db -q; do sleep 1; done
  python manage.py migrate --noinput
fi

exec "$@"
