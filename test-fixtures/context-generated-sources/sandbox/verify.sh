#!/bin/bash -e
. "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"
mkdir -p certs
openssl genrsa -out certs/ca.key 4096
openssl req -batch -x509 -new -nodes -key certs/ca.key -sha256 -days 1024 -out certs/ca.crt
bring_up_example
