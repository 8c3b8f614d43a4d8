FROM debian:bookworm-slim
SHELL ["/bin/bash", "-c"]
RUN [[ -d /etc/apt ]] && echo apt
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
