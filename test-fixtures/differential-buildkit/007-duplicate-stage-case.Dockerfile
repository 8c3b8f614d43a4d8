FROM alpine:3.20 AS build
RUN echo one

FROM alpine:3.20 AS Build
RUN echo two

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: DuplicateStageName@4 StageNameCasing@4
