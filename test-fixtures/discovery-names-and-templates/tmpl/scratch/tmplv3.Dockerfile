# BuildKit refuses --from with a variable: a placeholder for envsubst.
FROM scratch
COPY --from=traefik:${VERSION}-alpine /usr/local/bin/traefik /
ENTRYPOINT ["/traefik"]
