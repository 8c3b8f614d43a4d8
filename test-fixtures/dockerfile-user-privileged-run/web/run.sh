#!/bin/sh
docker build -t web-app .
# --device after the image is the program's own argument, not docker's
docker run --rm -p 3000:3000 web-app --device cpu
