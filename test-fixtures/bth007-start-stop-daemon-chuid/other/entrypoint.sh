#!/bin/bash
set -e
chown -R app:app /var/lib/app
exec start-stop-daemon --start --user app --exec /opt/java/openjdk/bin/java -- -jar /opt/app/app.jar
