FROM scratch AS base
SHELL ["/usr/bin/customshell"]

FROM base
ENTRYPOINT mycommand

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
