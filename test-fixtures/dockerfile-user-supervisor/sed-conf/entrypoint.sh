#!/bin/sh
set -e
sed -i -e "s|^directory=.*|directory=${APP_DIR:-/srv}\nuser=${APP_USER:-app}|" /etc/supervisor/conf.d/app.conf
exec supervisord -n -c /etc/supervisor/conf.d/app.conf
