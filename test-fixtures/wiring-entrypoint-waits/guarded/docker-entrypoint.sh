#!/bin/sh
set -e

if [ "${WAIT_FOR_DB:-false}" = "true" ]; then
  while ! nc -z "${DB_HOST:-db}" 5432; do
    sleep 1
  done
fi

exec "$@"
