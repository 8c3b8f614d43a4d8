FROM ubuntu:24.04
RUN sudo apt-get update && sudo apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10.6 && sudo rm -rf /var/lib/apt/lists/*
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3004@2
