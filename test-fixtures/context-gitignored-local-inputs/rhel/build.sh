#!/bin/sh
docker build -t example/rhel-tools .
