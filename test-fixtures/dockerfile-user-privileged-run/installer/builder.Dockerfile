# umbrel's usb-installer builder: build.sh runs it --privileged to make the ISO with loop
# devices. Every run the repository shows gives it host devices: root is its design.
# ok: BTH007
FROM debian:bookworm
COPY build.sh /build.sh
ENTRYPOINT ["/build.sh"]
