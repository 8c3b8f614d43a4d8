FROM ubuntu:24.04
RUN apt-get update && apt-get install curl
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3008@2 DL3009@2 DL3014@2 DL3015@2
