#!/bin/bash
# spring-cloud-dataflow's launcher: the compose options, a profile among them, kept in a variable
# that the shell splits into words; SCDIR is exported before Compose runs.
SCDIR=$(realpath $(dirname "$0"))
export SCDIR
DC_OPT="-f $SCDIR/docker-compose.yml -f $SCDIR/docker-compose-keycloak.yml --profile keycloak"
docker compose $DC_OPT up -d
