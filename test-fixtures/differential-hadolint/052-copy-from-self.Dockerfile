FROM alpine:3.20 AS app
COPY --from=app /etc/os-release /tmp/os-release
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3023@2
