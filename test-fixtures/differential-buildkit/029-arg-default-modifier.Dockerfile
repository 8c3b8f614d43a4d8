ARG DEBUG
FROM scra${DEBUG:-tch}

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
