FROM scratch
ENV testkey value
LABEL key value

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: LegacyKeyValueFormat@2 LegacyKeyValueFormat@3
