#!/bin/bash
start() {
    mkdir -p /run/app && chown "${APP_USER}" /run/app
    capsh --user="${APP_USER}" --keep=1 -- -c "/usr/bin/sleep infinity >/dev/null" &
    APP_PID=$!
    wait $APP_PID
}

start
