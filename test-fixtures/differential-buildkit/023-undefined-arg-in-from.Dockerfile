FROM node:22${VARIANT} AS jsbuilder
RUN node --version

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: UndefinedArgInFrom@1
