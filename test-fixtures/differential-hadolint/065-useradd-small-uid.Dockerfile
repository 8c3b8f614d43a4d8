FROM debian:bookworm-slim
RUN useradd -u 10001 app
USER app

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
