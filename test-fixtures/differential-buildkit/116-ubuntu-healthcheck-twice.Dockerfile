FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
HEALTHCHECK --interval=10s CMD curl -f http://localhost/health || exit 1
USER nobody
CMD ["sleep", "infinity"]

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: MultipleInstructionsDisallowed@4
