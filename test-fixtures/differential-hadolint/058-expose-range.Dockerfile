FROM alpine:3.20
USER nobody
EXPOSE 8000-8010/tcp 53/udp

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
