#!/bin/bash
set -eu
chown -R "$UID:$GID" .
exec gosu "$UID:$GID" "$@"
