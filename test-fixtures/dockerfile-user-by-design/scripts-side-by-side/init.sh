#!/bin/sh
set -e
cd /var/www/html/
su www-data -s /bin/sh -c "php occ maintenance:install"
