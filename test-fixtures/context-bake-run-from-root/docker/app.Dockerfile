FROM alpine:3.20
# near-miss: in the context `docker` that Bake resolves from the root, where build.sh runs it
COPY config.yaml /etc/app/config.yaml
# near-miss: not in the repository, but build.sh builds the project before it runs Bake
# (temporal's build action: `go build` helpers, then `docker buildx bake -f docker/docker-bake.hcl`)
COPY build/app /usr/local/bin/app
USER nobody
CMD ["app"]
