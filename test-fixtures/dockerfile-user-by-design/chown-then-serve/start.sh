#!/bin/sh
set -e
chown -R node:node /app/data
exec node server.js
