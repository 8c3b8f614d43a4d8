#!/bin/sh
chmod -R 775 /app/cache
exec php-fpm
