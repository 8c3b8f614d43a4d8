FROM debian:bookworm-slim
RUN wget -qO- https://example.com/install.sh | sh
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL4006@2
