#!/bin/sh -eu
build_a() {
  docker build -t "$1" -f two-builds/a/Dockerfile two-builds/a
}
build_b() {
  docker build -t "$1" -f two-builds/b/Dockerfile two-builds/b
  docker run --privileged "$1"
}
build_a "$1"
build_b "$2"
