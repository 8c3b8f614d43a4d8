#!/bin/bash
set -e
if [[ "$TELEMETRY" == "true" && ("$MODE" == "frontend" || "$MODE" == "dual") ]]; then
  cp /servers.json /var/www/localhost/htdocs/servers.json
fi
exec httpd -DFOREGROUND
