#!/bin/bash
# A wrapper named like a builtin berth follows: `pushd deploy` still changes the directory.
pushd() { command pushd "$@" >/dev/null; }
pushd wrapped/deploy
export WRAPPED_IMAGE=app:2
docker compose up -d
