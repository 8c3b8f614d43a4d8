FROM --platform=linux/amd64 scratch AS linux

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
