FROM alpine:3.20
RUN set -e; mkdir -p /opt/app; cd /opt/app; touch ready
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3003@2
# berth-differs: DL3003@2: the cd comes after other commands (ShellCheck's SC2164 stays quiet too: set -e)
