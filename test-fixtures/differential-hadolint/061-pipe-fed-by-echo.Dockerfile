FROM debian:bookworm-slim
RUN echo "deb http://deb.example.com stable main" | tee /etc/apt/sources.list.d/example.list
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL4006@2
# berth-differs: DL4006@2: echo cannot fail, so pipefail would change nothing
