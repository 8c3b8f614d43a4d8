FROM alpine:3.20
ONBUILD COPY $SRC /app

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
