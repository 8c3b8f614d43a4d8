#!/bin/sh
set -e
# A login shell (`su -`) starts in celery's home, not in /app: where beat writes is not /app.
# ok: BTH204
exec su - celery -c "exec celery -A app.tasks beat --loglevel=info"
