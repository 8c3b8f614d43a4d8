#!/bin/sh
chmod 775 /app/storage
exec php-fpm
