FROM fedora:40
RUN dnf install -y nginx
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3040@2 DL3041@2
