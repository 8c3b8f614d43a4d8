#!/usr/bin/env bash
service cron start
chown -R www-data:root .
sed -i "s/^Listen 80$/Listen 8080/" /etc/apache2/ports.conf
postfix start
apachectl -D FOREGROUND
