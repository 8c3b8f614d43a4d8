FROM golang:1.23 AS builder
WORKDIR /src
COPY hello.txt .

FROM alpine:3.20
COPY --from=buidler /src/hello.txt /hello.txt
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3022@6
