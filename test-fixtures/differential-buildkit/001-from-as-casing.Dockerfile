FROM alpine:3.20 as build
RUN echo build

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: FromAsCasing@1
