FROM alpine:3.20
# ok: BTH301
COPY brokerclient /usr/local/bin/brokerclient
USER nobody
ENTRYPOINT ["/usr/local/bin/brokerclient"]
