#!/bin/sh
set -e
sed -i "s|^PORT=.*|PORT=$PORT|" /srv/app.env
exec supervisord -n -c /etc/supervisor/conf.d/app.conf
