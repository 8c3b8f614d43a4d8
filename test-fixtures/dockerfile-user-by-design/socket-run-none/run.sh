#!/bin/sh
docker run --detach --name updater acme/socket-run-none
