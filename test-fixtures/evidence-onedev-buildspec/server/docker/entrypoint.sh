#!/bin/sh
exec java -jar /app/server.jar
