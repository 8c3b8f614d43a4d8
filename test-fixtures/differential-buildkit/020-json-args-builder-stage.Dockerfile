FROM golang:1.23 AS build
WORKDIR /src
CMD go test ./...

FROM alpine:3.20
CMD ["/usr/local/bin/app"]

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: JSONArgsRecommended@3
# berth-differs: JSONArgsRecommended@3: the builder stage's CMD never starts a container, so no process misses SIGTERM (BTH006 judges what the final image starts)
