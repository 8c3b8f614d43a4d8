#!/bin/sh
exec doas qbittorrent-nox --webui-port=8080 "$@"
