FROM alpine:3.20
ADD https://example.com/tool.tar.gz /opt/
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
