FROM golang:1.23 AS tools
RUN go install golang.org/x/tools/cmd/goimports@latest

FROM alpine:3.20
COPY --from=tools /go/bin/goimports /usr/local/bin/goimports
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3062@2
