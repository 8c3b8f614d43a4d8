#!/bin/sh
exec python3 /app/worker.py
