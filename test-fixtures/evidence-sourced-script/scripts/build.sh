#!/bin/sh
# a script that sources its settings from another file of the repository (rundeck's
# test-docker-install-*.sh and the common script they source): the variables are this shell's
set -e
LDIR=$( cd $(dirname $0) ; echo $PWD )
cd "$LDIR/.."
. "$LDIR/lib/env.sh"
docker build -f "$DOCKERFILE" -t example/app "$CONTEXT"
