ARG BUSYBOX_VARIANT=""
FROM busybox:stable${BUSYBOX_VARIANT}

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
