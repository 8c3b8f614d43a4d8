FROM ubuntu:24.04
RUN sudo -u nobody touch /tmp/x
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3004@2
