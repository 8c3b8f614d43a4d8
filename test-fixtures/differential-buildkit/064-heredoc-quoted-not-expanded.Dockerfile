FROM alpine:3.20
COPY <<"EOF" /etc/motd
hello $USERNAME
EOF

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
