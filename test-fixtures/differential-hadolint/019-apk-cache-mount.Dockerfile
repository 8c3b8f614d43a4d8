# syntax=docker/dockerfile:1
FROM alpine:3.20
RUN --mount=type=cache,target=/var/cache/apk apk add curl=8.9.1-r2
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
