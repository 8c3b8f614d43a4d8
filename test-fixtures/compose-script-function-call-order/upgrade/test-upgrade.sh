#!/bin/bash
# Kong's scripts/upgrade-tests/test-upgrade-path.sh: the function that starts compose is defined
# first; the loop below exports the image before each call. Bash runs a function's body when it
# is called, so compose sees OLD_IMAGE.
# The project name is random: the command in COMPOSE is still read, its -p value unknown.
ENV_PREFIX=${UPGRADE_ENV_PREFIX:-$(openssl rand -hex 8)}
COMPOSE="docker compose -p $ENV_PREFIX -f upgrade/docker-compose.yml"

function build_containers() {
    $COMPOSE up --wait
}

for old_version in 3.4 3.9; do
    export OLD_IMAGE=kong:$old_version-ubuntu
    build_containers
done
