FROM alpine:3.20
RUN cd /opt; touch ready
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3003@2 SC2164@2
