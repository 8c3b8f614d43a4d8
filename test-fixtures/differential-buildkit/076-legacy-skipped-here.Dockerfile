FROM scratch
# check=skip=LegacyKeyValueFormat
ENV testkey value
# check=skip=LegacyKeyValueFormat
LABEL key value

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
