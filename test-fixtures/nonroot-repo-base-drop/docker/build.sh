#!/bin/bash
docker build -f docker/Dockerfile.latest -t ghcr.io/acme/bot:latest .
docker build -f Dockerfile -t ghcr.io/acme/bot-plus:latest .
docker build -f override/Dockerfile -t ghcr.io/acme/bot-custom:latest .
docker build -f relative/Dockerfile -t ghcr.io/acme/bot-relative:latest .
