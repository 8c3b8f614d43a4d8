#!/bin/sh
cat hosts >> /etc/hosts
exec node server.js
