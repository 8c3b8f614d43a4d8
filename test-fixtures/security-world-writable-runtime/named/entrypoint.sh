#!/bin/sh
exec su-exec app /app/app "$@"
