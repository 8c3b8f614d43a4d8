# Where the repositories are checked out (override in options.local.mk)
WORKSPACE ?= $(shell pwd)/..
