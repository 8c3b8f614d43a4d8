#!/bin/sh
set -e
# celery beat runs as celery, not as root.
exec su -c "exec celery -A app.tasks beat --loglevel=info" celery
