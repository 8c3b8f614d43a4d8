#!/bin/sh
set -e
# ok: BTH204
exec su celery -s /bin/sh -c "exec celery -A app.tasks beat --loglevel=info"
