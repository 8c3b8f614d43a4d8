#!/bin/sh
set -e
losetup -f
