FROM alpine:3.20
ADD hello.txt /srv/hello.txt
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3020@2
