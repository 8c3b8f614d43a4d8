#!/bin/sh
set -e
exec node dist/main
