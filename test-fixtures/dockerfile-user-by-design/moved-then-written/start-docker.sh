#!/bin/sh
chown -R node:node /home/node
exec su -c "node ./server.js" node
