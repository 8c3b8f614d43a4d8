#!/bin/sh
exec ./benchmark "$@"
