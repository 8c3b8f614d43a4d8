#!/bin/sh
docker build -t web-app .
docker run --rm -p 3000:3000 web-app
