#!/usr/bin/env bash
exec python -m http.server 8555
