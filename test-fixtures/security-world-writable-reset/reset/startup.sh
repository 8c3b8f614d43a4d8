#!/bin/sh
cd /app
chown -R www-data:www-data /app
chmod -R 775 /app/storage
exec php-fpm
