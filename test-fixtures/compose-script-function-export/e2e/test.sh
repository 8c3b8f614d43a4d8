#!/bin/bash
# omnibus-gitlab's letsencrypt-test layout: main calls functions; one exports IMAGE, a later one
# runs docker compose. A function runs in the calling shell, so its export reaches compose.
set -e
DEFAULT_IMAGE="gitlab/gitlab-ee:nightly"
IMAGE="${IMAGE:-$DEFAULT_IMAGE}"

main() {
  export_vars
  run_app
}

export_vars() {
  export IMAGE
}

run_app() {
  docker compose run --rm -T app
}

main
