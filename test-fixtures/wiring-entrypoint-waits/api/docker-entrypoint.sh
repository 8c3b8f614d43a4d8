#!/bin/sh
set -e

until pg_isready -h "${DB_HOST:-db}" -p "${DB_PORT:-5432}" -q; do
  echo "waiting for postgres..."
  sleep 1
done

python manage.py migrate --noinput
python manage.py collectstatic --noinput

exec "$@"
