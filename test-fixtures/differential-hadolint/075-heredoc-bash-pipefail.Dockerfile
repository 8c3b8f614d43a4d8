# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
RUN <<EOF bash
set -euxo pipefail
wget -qO- https://example.com/install.sh | sh
EOF
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL4006@3
# berth-differs: DL4006@3: the heredoc runs under bash and turns pipefail on itself (hadolint counts SHELL only, hadolint/hadolint#1137)
