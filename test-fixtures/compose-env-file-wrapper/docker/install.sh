#!/usr/bin/env bash
log() {
    echo -e "$@"
}

display-and-exec() {
    local _TXT="$1"
    shift
    local _QUIET=false
    if [[ "$1" == "-q" ]]; then
        _QUIET=true
        shift
    fi
    local _CMD=("$@")
    log "> $_TXT..."
    if $_QUIET; then
        "${_CMD[@]}" > /dev/null
    else
        "${_CMD[@]}"
    fi
}

prepare() {
    local _DOCKER_COMPOSE_ENV="./.env"
    display-and-exec "copying Docker compose env file" cp "./conf/$_DOCKER_COMPOSE_ENV.example" "$_DOCKER_COMPOSE_ENV"
}

case "$1" in
    prepare) prepare ;;
esac
