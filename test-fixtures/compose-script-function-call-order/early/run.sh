#!/bin/bash
# Called before the export: compose runs without NEW_IMAGE.
start() {
    docker compose -f early/docker-compose.yml up -d
}
start
export NEW_IMAGE=kong:3.9
