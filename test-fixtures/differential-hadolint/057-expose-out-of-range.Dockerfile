FROM alpine:3.20
USER nobody
EXPOSE 80 70000

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3011@3
