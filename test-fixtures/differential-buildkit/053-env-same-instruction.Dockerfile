FROM alpine:3.20
ENV A=1 B=$A

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: UndefinedVar@2
