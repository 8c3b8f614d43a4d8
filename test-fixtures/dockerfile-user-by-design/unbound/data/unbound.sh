#!/bin/bash
cat > /etc/unbound/unbound.conf <<CONF
server:
    username: "_unbound"
    chroot: "/etc/unbound"
CONF
exec /usr/sbin/unbound -d -c /etc/unbound/unbound.conf
