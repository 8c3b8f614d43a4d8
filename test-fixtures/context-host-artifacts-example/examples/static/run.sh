#!/usr/bin/env bash
npm install -g serve
docker build -t static-example .
