FROM alpine:3.20 AS context
RUN echo context

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: ReservedStageName@1
