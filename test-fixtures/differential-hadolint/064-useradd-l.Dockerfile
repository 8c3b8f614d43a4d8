FROM debian:bookworm-slim
RUN useradd -l -u 1000000 app
USER app

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
