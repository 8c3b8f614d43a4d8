#!/bin/bash
# One variable in both -f paths: staging's override goes with staging's base, never prod's.
BASEDIR=$(dirname $0)
ENV=$1
docker compose -f $BASEDIR/$ENV/base.yml -f $BASEDIR/$ENV/override.yml up -d
