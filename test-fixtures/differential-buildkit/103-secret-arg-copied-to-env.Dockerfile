FROM alpine:3.20
ARG GITHUB_TOKEN
ENV GITHUB_TOKEN=$GITHUB_TOKEN

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: SecretsUsedInArgOrEnv@2 SecretsUsedInArgOrEnv@3
