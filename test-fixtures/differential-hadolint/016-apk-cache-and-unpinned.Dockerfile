FROM alpine:3.20
RUN apk add curl
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3018@2 DL3019@2
