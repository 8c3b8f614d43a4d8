#!/bin/sh
exec rsyslogd -n
