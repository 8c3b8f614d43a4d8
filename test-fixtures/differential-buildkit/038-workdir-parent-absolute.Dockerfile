FROM scratch AS a
WORKDIR /app

FROM a AS b
WORKDIR subdir/

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
