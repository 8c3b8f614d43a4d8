FROM ubuntu:24.04
RUN apt update && apt install -y curl
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3009@2
# berth-extra: DL3015@2: apt install installs recommended packages just as apt-get install does; hadolint's DL3015 looks at apt-get only
