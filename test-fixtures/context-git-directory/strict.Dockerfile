# This Dockerfile's own ignore file keeps .git out of its context: a checkout fails too.
FROM alpine:3.20
# expect: BTH301 "`.git`"
COPY .git /src/.git
USER nobody
CMD ["ls", "/src"]
