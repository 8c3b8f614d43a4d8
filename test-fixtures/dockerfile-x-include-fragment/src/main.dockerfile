# syntax = ghcr.io/shinsenter/dockerfile-x:v1
# shinsenter/php: the dockerfile-x frontend inlines ./common/setup.dockerfile into this stage
FROM alpine:3.20
INCLUDE ./common/setup
USER nobody
CMD ["sh"]
