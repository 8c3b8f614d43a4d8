FROM ubuntu:24.04
ENV APP_USER=app
USER $APP_USER

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
