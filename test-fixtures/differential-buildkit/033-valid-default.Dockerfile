ARG VERSION="latest"
FROM busybox:${VERSION}

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
