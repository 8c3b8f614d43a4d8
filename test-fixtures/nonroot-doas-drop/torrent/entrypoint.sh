#!/bin/sh
if [ "$(id -u)" = "0" ]; then
    exec doas -u qbtUser qbittorrent-nox --webui-port=8080 "$@"
fi
exec qbittorrent-nox --webui-port=8080 "$@"
