# umbrel's usb-installer.Dockerfile: an OS root filesystem, never a service. run.sh starts it
# only with /bin/true to `docker export` the filesystem; the privileged run is of another image
# of the same name (its :builder tag), which is not this one.
# ok: BTH007
FROM debian:bookworm-slim
COPY build.sh /usr/local/sbin/firstboot
