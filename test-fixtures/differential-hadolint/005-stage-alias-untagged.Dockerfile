FROM golang:1.23 AS build
RUN go version

FROM build
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
