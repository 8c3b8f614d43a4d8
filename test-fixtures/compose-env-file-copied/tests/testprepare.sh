#!/bin/bash
cp tests/docker-compose.test.yml make/.
docker compose -f ./make/docker-compose.test.yml up -d
