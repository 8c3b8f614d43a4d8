#!/usr/bin/env bash
set -e
exec bash -c \
    "exec varnishd \
    -a :$VARNISH_PORT \
    -F \
    -s malloc,$CACHE_SIZE"
