#!/bin/sh
caddy run --config /opt/app/Caddyfile &
PORT=3333 node frontend/server.js &
cd backend && exec node dist/main.js
