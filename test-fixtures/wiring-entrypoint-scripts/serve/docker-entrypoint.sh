#!/bin/sh
set -e

serve() {
	gunicorn -b 0.0.0.0:5000 app:app
}

serve
