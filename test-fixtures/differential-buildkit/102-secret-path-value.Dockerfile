FROM alpine:3.20
ENV GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/gcp.json

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: SecretsUsedInArgOrEnv@2
# berth-differs: SecretsUsedInArgOrEnv@2: the value is an absolute path, so the variable names the file that holds the secret (like the _FILE names BuildKit allows); nothing secret is stored
