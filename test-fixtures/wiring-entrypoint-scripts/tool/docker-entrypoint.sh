#!/bin/sh
set -e
./bin/prepare
exec "$@"
