#!/bin/sh
docker build -f Dockerfile --target app -t myapp .
