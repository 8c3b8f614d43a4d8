#!/bin/sh
exec java -cp "/opt/app/lib/*" app.Worker
