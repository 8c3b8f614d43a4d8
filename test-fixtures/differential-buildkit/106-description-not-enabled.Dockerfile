# a non-descriptive comment
FROM scratch AS base

# another non-descriptive comment
ARG VERSION=1

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
