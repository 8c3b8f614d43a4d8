#!/bin/bash
REDIS=($(echo redis 6379))
exec "$@"
