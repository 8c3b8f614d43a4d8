#!/bin/bash
# A call with its own VAR=value prefix still runs the body where it is called.
export PREFIXED_IMAGE=app:1
start() {
    docker compose -f prefixed/docker-compose.yml up -d
}
DEBUG=1 start
