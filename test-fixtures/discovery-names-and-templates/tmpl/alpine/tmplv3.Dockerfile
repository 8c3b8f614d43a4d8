# traefik-library-image's tmpl/alpine/tmplv3.Dockerfile: update.sh renders it with
# envsubst $ALPINE_VERSION,$VERSION into v3.x/alpine/Dockerfile; the FROM's variable is a
# placeholder no ARG declares.
FROM alpine:$ALPINE_VERSION
RUN apk --no-cache add ca-certificates
LABEL org.opencontainers.image.version="v${VERSION}"
ENTRYPOINT ["/entrypoint.sh"]
