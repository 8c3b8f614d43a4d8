#!/bin/bash
# SonarSource/docker-sonarqube's run-tests.sh: each test case is a branch of an if; the compose
# case cds into its directory and exports what the compose file needs before `up`.
set -euo pipefail

run_test() {
    local image=$1 test_case=$2
    if [[ "${test_case}" == docker ]]; then
        docker run -d --rm "${image}"
    elif [[ "${test_case}" == docker-compose ]]; then
        local test_compose_path="tests/dce"
        cd "${test_compose_path}"
        export IMAGE="${1}"
        docker compose up -d sonarqube
        docker compose stop
    else
        cd tests/single
        docker compose up -d
    fi
}

run_test "$@"
