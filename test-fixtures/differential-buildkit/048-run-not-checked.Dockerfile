FROM alpine:3.20
RUN echo "$PATH $NOT_DEFINED_ANYWHERE"

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
