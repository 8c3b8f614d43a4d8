#!/bin/sh
exec /bin/s6-svscan /etc/services.d
