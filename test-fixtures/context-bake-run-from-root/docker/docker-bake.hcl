# temporal's docker/docker-bake.hcl: the targets' contexts are written for the directory the
# build script runs Bake in (the root), not for this file's directory (docker/buildx#1028)
target "app" {
  context    = "docker"
  dockerfile = "app.Dockerfile"
}
