#!/bin/sh
docker build --target test -t app-test .
