#!/bin/sh
set -e
docker build -t acme/backup "$(dirname "$0")"
docker run --rm -v mail-data:/data:ro -v "$PWD":/backup acme/backup tar -cf /backup/mail.tar /data
