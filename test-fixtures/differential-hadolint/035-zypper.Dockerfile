FROM opensuse/leap:15.6
RUN zypper install -y curl
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3036@2 DL3037@2
