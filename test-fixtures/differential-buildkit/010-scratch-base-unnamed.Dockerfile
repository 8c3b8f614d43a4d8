FROM scratch
FROM scratch AS a

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
