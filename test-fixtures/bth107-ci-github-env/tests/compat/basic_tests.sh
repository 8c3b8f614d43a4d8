#!/bin/bash
docker compose -f compat/docker-compose.yaml up -d
