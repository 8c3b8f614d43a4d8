FROM scratch
ENV testkey=value other="two words"
LABEL key=value

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
