FROM debian:bookworm-slim AS runtime
ENV LANG C.UTF-8
ARG APP_VERSION=1.0
LABEL org.opencontainers.image.version=$APP_VERSION
LABEL org.opencontainers.image.revision=$GIT_SHA
USER nobody

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: LegacyKeyValueFormat@2 UndefinedVar@5
