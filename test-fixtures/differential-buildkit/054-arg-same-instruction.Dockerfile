FROM alpine:3.20
ARG A=1 B=$A
LABEL org.example.b=$B

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
