FROM alpine:3.20
ENV APP_HOME=/srv/app
WORKDIR $APP_HOME

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
