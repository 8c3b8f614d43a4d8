FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y -o APT::Install-Recommends=false curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
