FROM debian:bookworm-slim AS base
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

FROM base
RUN wget -qO- https://example.com/install.sh | bash
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL4006@5
# berth-differs: DL4006@5: the stage is built FROM base, whose image config keeps SHELL; hadolint forgets SHELL at every FROM
