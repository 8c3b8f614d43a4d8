FROM alpine:3.20
ENTRYPOINT my-program start

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: JSONArgsRecommended@2
# berth-differs: JSONArgsRecommended@2: on alpine /bin/sh is busybox ash, which replaces itself with the last plain command of sh -c (checked with BusyBox 1.35), so my-program is PID 1 and receives SIGTERM (BTH006 reports it on dash images, as in 112)
