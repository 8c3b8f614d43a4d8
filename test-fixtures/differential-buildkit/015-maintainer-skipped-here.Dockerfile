FROM alpine:3.20
# check=skip=MaintainerDeprecated
MAINTAINER me@example.org
MAINTAINER you@example.org

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: MaintainerDeprecated@4
