#!/bin/bash
set -e
function handle_termination() {
  kill -TERM "$PID" 2>/dev/null
}
trap handle_termination SIGTERM
python -m debugpy --listen 0.0.0.0:5678 main.py &
PID=$!
wait
