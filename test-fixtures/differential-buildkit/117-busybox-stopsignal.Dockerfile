FROM busybox:1.37
ENV SIG=SIGTERM
STOPSIGNAL $SIG
CMD ["sleep", "3600"]

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
