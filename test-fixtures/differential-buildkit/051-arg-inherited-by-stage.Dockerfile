FROM alpine:3.20 AS base
ARG foo=Dockerfile

FROM base
LABEL org.example.file=$foo

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
