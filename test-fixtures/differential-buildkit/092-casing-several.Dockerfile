FROM alpine:3.20
run echo a
Run echo b
RUN echo c
RUN echo d

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: ConsistentInstructionCasing@2 ConsistentInstructionCasing@3
