#!/bin/sh
chmod -R g+w /app/storage
exec php-fpm
