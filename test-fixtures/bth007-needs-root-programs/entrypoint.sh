#!/bin/bash
# zerotier's Synology image: start the daemon, then wait for it with an arithmetic loop
zerotier-one -d
for ((s=0; s<=9; s++))
do
  sleep 10
done
wait
