#!/bin/bash
if [ "$(id -u)" = "0" ]; then
    chown -R agent /app/data
    exec su agent -s /bin/bash -c "cd /app && python app.py"
fi
cd /app && exec python app.py
