FROM debian:bookworm-slim
RUN [[ -d /etc/apt ]] && echo apt
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: SC3010@2
