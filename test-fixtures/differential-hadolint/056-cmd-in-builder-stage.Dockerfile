FROM golang:1.23 AS test
WORKDIR /src
CMD go test ./...

FROM alpine:3.20
USER nobody
CMD ["sleep", "infinity"]

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3025@3
# berth-differs: DL3025@3: the builder stage's CMD is never the command of a container of this image
