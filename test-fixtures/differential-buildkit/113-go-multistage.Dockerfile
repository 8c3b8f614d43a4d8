ARG GO_VERSION=1.23
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build
WORKDIR /src
ARG TARGETOS TARGETARCH
RUN --mount=type=cache,target=/root/.cache/go-build \
    GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./...

FROM gcr.io/distroless/static-debian12:nonroot AS release
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
