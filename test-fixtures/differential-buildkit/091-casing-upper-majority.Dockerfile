from alpine:3.20
RUN echo a
RUN echo b
RUN echo c

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: ConsistentInstructionCasing@1
