# Built only with --output (see the Makefile): the result is written as files, no image is made,
# so no container ever runs this stage.
FROM node:20 AS builder
WORKDIR /src
COPY . .
RUN npm ci && npm run build:apk

# ok: BTH007
FROM scratch
COPY --from=builder /src/app-release.apk /app.apk
ENTRYPOINT ["/app.apk"]
