#!/bin/sh
pnpm install
pnpm run start
