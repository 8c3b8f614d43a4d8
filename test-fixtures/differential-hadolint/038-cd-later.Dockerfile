FROM alpine:3.20
RUN mkdir -p /opt/app && cd /opt/app && touch ready
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3003@2
# berth-differs: DL3003@2: a cd after other commands is ordinary shell; only a RUN that starts by changing to a fixed directory is what WORKDIR does
