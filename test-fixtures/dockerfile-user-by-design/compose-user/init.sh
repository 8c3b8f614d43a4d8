#!/bin/bash
yq -i ".a = 1" /data/config.yaml
