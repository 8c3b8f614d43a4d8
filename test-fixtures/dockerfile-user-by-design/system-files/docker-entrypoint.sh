#!/usr/bin/env bash
if [[ -n "${TZ}" ]]; then
  ln -snf "/usr/share/zoneinfo/$TZ" /etc/localtime && echo "$TZ" > /etc/timezone
fi
exec "$@"
