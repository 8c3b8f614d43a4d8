#!/bin/bash
cd "$(dirname "$0")"
docker build -t acme/web:v2 ./
