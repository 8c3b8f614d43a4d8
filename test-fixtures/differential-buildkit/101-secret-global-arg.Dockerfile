ARG NPM_TOKEN
FROM node:20-alpine
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
