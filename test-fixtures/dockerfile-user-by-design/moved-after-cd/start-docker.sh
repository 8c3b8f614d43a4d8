#!/bin/sh
exec su -c "node ./server.js" node
