FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends -t bookworm-backports curl=8.10.1-1~bpo12+1 && rm -rf /var/lib/apt/lists/*
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
