#!/bin/sh
cd "$(dirname "$0")"
docker build -t acme/notify:latest .
