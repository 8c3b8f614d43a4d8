#!/bin/sh
# run where the jar was uploaded
cd "$(dirname "$0")"
docker build -t example/shop-admin .
