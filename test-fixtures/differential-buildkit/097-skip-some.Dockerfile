#check=skip=ConsistentInstructionCasing
FROM scratch as base
run true

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: FromAsCasing@2
