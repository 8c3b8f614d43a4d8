#!/bin/sh
docker build -t example/plain-tools .
