FROM node:20-alpine
WORKDIR $HOME/app

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: UndefinedVar@2
# berth-differs: UndefinedVar@2: the node image sets NODE_VERSION, YARN_VERSION and PATH, but berth's catalog does not list its whole environment, so berth cannot tell that HOME is unset (unknown is an answer)
