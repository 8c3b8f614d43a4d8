FROM alpine:3.20
ENV MODE="dev mode"
RUN [ $MODE = "dev mode" ] && echo dev
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: SC2086@3
