#!/bin/sh
docker run --detach --name updater \
    --volume /var/run/docker.sock:/var/run/docker.sock \
    acme/socket-run
