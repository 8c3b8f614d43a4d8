#!/bin/sh
# a watcher given the socket that names this image as the container to watch: no run of it
docker run --detach -v /var/run/docker.sock:/var/run/docker.sock containrrr/watchtower acme/socket-run-none
