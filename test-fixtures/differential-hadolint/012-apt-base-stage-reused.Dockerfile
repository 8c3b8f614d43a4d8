FROM debian:bookworm-slim AS base
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8

FROM base
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3009@2
