# A build-tool image the Makefile runs once per build (docker run --rm) as the host's user, so
# HOME and the caches under /root are opened to any uid: a note that says so, not a warning (the
# run's --user $(shell id -u):... is the reason it names). The run gives the host's user, so
# the image never runs as root where the repository runs it: no BTH007.
# ok: BTH007
FROM golang:1.23-alpine
RUN apk add --no-cache make gcc musl-dev
ENV HOME=/tmp/home
WORKDIR /build
# expect: BTH606 "as a user chosen where it runs"
RUN chmod -R 777 /root
CMD ["/bin/sh"]
