#!/bin/sh -eu
docker_tag="$1"
docker build -t "${docker_tag}-build" -f judgehost/Dockerfile.build judgehost
docker run --name builder --privileged "${docker_tag}-build"
