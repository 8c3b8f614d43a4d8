FROM debian:bookworm-slim
RUN apt-get update && apt-get -qq install --no-install-recommends ca-certificates=20230311 && rm -rf /var/lib/apt/lists/*
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
