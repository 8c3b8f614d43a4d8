FROM alpine:3.20
COPY hello.txt requirements.txt /opt/app/
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
