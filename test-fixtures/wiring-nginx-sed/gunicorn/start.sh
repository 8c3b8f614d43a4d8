#!/bin/sh
set -e
sed -i "s/8000/9000/" gunicorn.conf.py
exec gunicorn app:app
