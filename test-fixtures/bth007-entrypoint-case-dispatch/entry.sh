#!/bin/sh
set -e

if [ "$1" != "${1#-}" ]; then
    # an option such as --help goes to deno
    exec deno "$@"
fi

case "$1" in
    eval | repl | run | serve | task | test )
    # a deno subcommand
    exec deno "$@";;
esac

exec "$@"
