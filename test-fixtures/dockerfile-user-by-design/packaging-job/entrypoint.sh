#!/bin/sh
set -e
cd /zto && make package
