#!/usr/bin/env bash
: "${GEN_IMAGE:=example/compose-generator}"
if [ "$GEN_IMAGE" == "example/compose-generator:local" ]; then
    docker build -f generator/Dockerfile . --tag $GEN_IMAGE
else
    docker pull $GEN_IMAGE
fi
docker run -v "$PWD/compose:/app/compose" \
    --env-file <(env | grep GEN_) \
    --env NAME=$NAME \
    --rm $GEN_IMAGE $@
