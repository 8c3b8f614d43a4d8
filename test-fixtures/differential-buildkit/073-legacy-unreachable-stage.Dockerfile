FROM scratch AS a

FROM a AS b
ENV testkey value
LABEL key value

FROM a AS c

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: LegacyKeyValueFormat@4 LegacyKeyValueFormat@5
