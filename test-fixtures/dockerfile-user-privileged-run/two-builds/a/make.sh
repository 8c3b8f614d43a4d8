#!/bin/sh
exec debootstrap stable /chroot
