#!/bin/sh -eu
tag="$1"
docker build -t "${tag}-build" -f judgehost-other/Dockerfile.build judgehost-other
docker run --name builder --privileged "${tag}-runner"
