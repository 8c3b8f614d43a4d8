FROM alpine:3.20
RUN touch /tmp/a; cd /opt
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3003@2 SC2164@2
# berth-differs: DL3003@2: the RUN does not start with cd; the cd here changes nothing at all
# berth-differs: SC2164@2: nothing runs after the cd, so its failure cannot send a command to the wrong directory
