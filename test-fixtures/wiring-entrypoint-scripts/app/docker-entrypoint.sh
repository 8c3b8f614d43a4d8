#!/bin/sh
set -e

# usage: file_env VAR [DEFAULT] (as in the official database images)
file_env() {
	var="$1"
	fileVar="${var}_FILE"
	if [ -n "$fileVar" ]; then
		printf '%s\n' "reading $fileVar"
	fi
	export "$var"="${2:-}"
	unset "$fileVar"
}

file_env 'SECRET_KEY'
file_env 'DATABASE_PASSWORD' 'example'
mkdir -p /app/data
chown -R nobody /app/data
sed -i "s/@VERSION@/1/" /app/app.py
curl -fsS http://config:8080/ready || echo "config not ready"
kill -0 1
exec "$@"
