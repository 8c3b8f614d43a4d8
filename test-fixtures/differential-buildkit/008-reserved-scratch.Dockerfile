FROM alpine:3.20 AS scratch
RUN echo not-empty

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: ReservedStageName@1
