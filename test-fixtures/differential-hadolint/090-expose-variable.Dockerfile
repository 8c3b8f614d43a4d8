FROM alpine:3.20
ARG PORT=8080
USER nobody
EXPOSE $PORT

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
