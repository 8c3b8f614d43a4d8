#!/bin/sh
/docker-entrypoint.sh nginx -g "daemon off;" &
wait $!
