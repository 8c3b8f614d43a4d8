#!/bin/bash
set -m
"$@" &
sleep 2
for file in /etc/ldap/prepopulate/*.ldif; do
    ldapadd -x -D "cn=admin,dc=example,dc=org" -w "$SLAPD_PASSWORD" -f "$file"
done
fg
