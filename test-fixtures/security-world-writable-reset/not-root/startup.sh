#!/bin/sh
chmod -R 775 /app/storage
exec php-fpm
