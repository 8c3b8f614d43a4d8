#!/bin/sh
# generates secrets, then the env file from the template
cp "$(dirname "$0")/env-template" "$(dirname "$0")/.env"
