FROM alpine:3.20
RUN apk update && apk add curl=8.9.1-r2 && rm -rf /var/cache/apk/*
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3019@2
# berth-differs: DL3019@2: the same RUN removes /var/cache/apk, so no index stays in the layer (the result --no-cache gives)
