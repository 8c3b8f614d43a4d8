#!/bin/sh
echo "first start: nothing to migrate"
