FROM alpine:3.20 AS b
FROM alpine:3.20 AS b

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: DuplicateStageName@2
