From alpine:3.20 as base
RUN echo base

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: ConsistentInstructionCasing@1
