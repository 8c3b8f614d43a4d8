FROM alpine:3.20 AS BuilderBase
RUN echo base

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: StageNameCasing@1
