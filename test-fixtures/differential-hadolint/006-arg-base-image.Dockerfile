ARG BASE=alpine
FROM ${BASE}
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
# berth-extra: DL3006@2: hadolint skips images starting with $; berth expands the ARG default, and without --build-arg the build uses alpine untagged
