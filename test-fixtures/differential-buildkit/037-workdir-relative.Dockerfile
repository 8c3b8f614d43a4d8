FROM scratch
WORKDIR app/

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: WorkdirRelativePath@2
