PUID=${PUID:-33}
PGID=${PGID:-33}
if [ "$(id -u www-data)" -ne "$PUID" ]; then
  usermod -o -u "$PUID" www-data
fi
if [ "$(id -g www-data)" -ne "$PGID" ]; then
  groupmod -o -g "$PGID" www-data
fi
