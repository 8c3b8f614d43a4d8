FROM alpine:3.20
COPY hello.txt requirements.txt /srv
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3021@2
# berth-differs: DL3021@2: /srv is a directory in alpine, so BuildKit copies both files into it, as the author meant
