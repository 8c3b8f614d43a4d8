FROM alpine:3.20
EXPOSE \
# Port
80

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
