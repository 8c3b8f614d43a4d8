FROM alpine:3.20
ADD hello.txt requirements.txt /opt/app
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3020@2
# berth-extra: DL3021@2: hadolint checks COPY only; ADD of several sources to a path that is not a directory has the same problem
