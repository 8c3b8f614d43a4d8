# A build-tool image (uptime-kuma's builder-go): tagged acme/app:builder-go and only used as the
# FROM of a build stage in app.dockerfile. The compose file runs acme/app:2 and the scripts build
# acme/app:nightly from app.dockerfile: images of one name that the repository tells apart by tag,
# so neither run is this image.
# ok: BTH007
FROM golang:1.22-bookworm
WORKDIR /src
COPY main.go ./
RUN go build -o /out/healthcheck main.go
