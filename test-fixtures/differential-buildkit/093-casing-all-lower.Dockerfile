from alpine:3.20 as base
run echo hello > /greeting.txt
entrypoint ["cat", "/greeting.txt"]

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
