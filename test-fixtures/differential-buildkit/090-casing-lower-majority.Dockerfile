from alpine:3.20
RUN echo one
run echo two

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: ConsistentInstructionCasing@2
