#!/bin/sh
# Writes the run-time value into the built bundle, then starts the server.
find /app/.next -name '*.js' -exec sed -i "s|__API_URL__|${NEXT_PUBLIC_API_URL}|g" {} +
exec "$@"
