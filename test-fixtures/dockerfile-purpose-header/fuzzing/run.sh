#!/bin/sh
exec ./fuzz "$@"
