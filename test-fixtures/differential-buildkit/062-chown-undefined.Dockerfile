FROM alpine:3.20
COPY --chown=$UID:$GID app.py /app/

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: UndefinedVar@2 UndefinedVar@2
