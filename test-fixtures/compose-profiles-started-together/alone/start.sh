#!/bin/sh
docker compose --profile client up -d
