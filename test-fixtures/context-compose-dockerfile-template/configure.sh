#!/bin/sh
for t in */Dockerfile.tpl; do sed "s/{{VERSION}}/1.0/" "$t" > "${t%.tpl}"; done
