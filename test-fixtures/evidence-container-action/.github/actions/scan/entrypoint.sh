#!/bin/sh
exec bandit -r "$GITHUB_WORKSPACE"
