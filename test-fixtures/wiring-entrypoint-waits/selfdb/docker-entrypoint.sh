#!/bin/sh
set -e

pg_ctlcluster 15 main start &
until pg_isready -h 127.0.0.1 -q; do
  sleep 1
done
python manage.py migrate --noinput

exec "$@"
