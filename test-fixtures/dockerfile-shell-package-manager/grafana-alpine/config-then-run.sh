#!/bin/sh
exec /run.sh "$@"
