#!/bin/sh
set -e
service cron start
exec node /app/server.js
