ARG DEBUG
FROM scratch${DEBUG}

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
