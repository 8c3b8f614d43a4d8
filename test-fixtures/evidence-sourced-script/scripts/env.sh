#!/bin/sh
# sourced by build.sh: the build's Dockerfile and context
DOCKERFILE=app/Dockerfile
CONTEXT=.
