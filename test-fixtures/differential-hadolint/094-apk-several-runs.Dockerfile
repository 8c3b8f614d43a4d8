FROM alpine:3.20
RUN apk add --no-cache bash=5.2.26-r0
RUN apk add --no-cache git
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3018@3
