FROM opensuse/leap:15.6
RUN zypper install -y curl=8.6.0 && zypper clean
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
