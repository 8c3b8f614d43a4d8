FROM fedora:40
RUN dnf install nginx-1.26.2-1.fc40 && dnf clean all
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3038@2
