#!/usr/bin/env bash
/usr/local/bin/init.sh
/usr/local/bin/run.sh
