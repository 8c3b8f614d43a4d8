FROM alpine:3.20
ARG PORT=8080
EXPOSE $PORT/TCP

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: ExposeProtoCasing@3
