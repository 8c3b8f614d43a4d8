#!/bin/sh
exec postgres -c shared_buffers=256MB
