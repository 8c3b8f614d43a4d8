#!/bin/sh
exec mysqld "$@"
