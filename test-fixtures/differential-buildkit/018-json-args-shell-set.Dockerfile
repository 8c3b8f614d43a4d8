FROM alpine:3.20
SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
CMD mycommand

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
