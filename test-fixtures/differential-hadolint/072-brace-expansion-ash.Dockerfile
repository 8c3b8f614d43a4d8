FROM alpine:3.20
RUN mkdir -p /srv/{logs,data}
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: SC3009@2
