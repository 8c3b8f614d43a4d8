#!/bin/bash
PUID=${PUID:-911}

change_user() {
    if [ "$(id -u)" = "0" ]; then
        chown -R "$PUID" /app
        exec gosu "$PUID" "$0" "$@"
    fi
}

change_user
exec python /app/app/main.py
