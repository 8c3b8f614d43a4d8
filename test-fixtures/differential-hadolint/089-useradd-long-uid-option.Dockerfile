FROM debian:bookworm-slim
RUN useradd --uid 2000000 app
USER app

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
# berth-extra: DL3046@2: --uid is -u; hadolint reads the value of -u only, useradd writes the same 584 MB lastlog either way
