FROM debian:bookworm-slim
RUN dpkg -i /tmp/tool.deb; apt-get -f install
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3014@2 DL3015@2
# berth-differs: DL3014@2: no package is named; -f install only completes what dpkg -i left, which may be nothing to confirm
