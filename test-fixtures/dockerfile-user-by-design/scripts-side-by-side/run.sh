#!/bin/sh
set -e
. /etc/apache2/envvars
mkdir -p /var/run/apache2
apache2 -DFOREGROUND "$@"
