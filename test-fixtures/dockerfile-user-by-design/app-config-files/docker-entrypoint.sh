#!/usr/bin/env bash
echo "<configuration/>" > /etc/hadoop/core-site.xml
exec "$@"
