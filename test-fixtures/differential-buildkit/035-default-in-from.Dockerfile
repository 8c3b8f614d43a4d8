ARG TAG
FROM alpine:${TAG:-3.14}

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
