FROM debian:bookworm-slim
RUN source /etc/os-release && echo "$ID"
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: SC3046@2
