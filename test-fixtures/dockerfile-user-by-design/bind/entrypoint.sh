#!/bin/bash
set -e
mkdir -p /run/named
exec "$(command -v named)" -u bind -g
