#!/bin/bash
# aleph's contrib/keycloak/prep-for-use.sh: the file is run from the repository root
cp docker-compose.dev-kc.yml ../../
sed -i 's/docker-compose.dev.yml/docker-compose.dev-kc.yml/g' ../../Makefile
