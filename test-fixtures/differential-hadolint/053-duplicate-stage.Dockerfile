FROM alpine:3.20 AS build
RUN echo one > /one

FROM alpine:3.20 AS build
RUN echo two > /two
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3024@4
