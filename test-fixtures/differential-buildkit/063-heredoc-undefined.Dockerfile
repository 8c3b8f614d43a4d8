FROM alpine:3.20
COPY <<EOF /etc/motd
hello $USERNAME
EOF

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: UndefinedVar@2
# berth-differs: UndefinedVar@2 -> 3: berth points at the heredoc line that uses the variable; BuildKit reports the COPY
