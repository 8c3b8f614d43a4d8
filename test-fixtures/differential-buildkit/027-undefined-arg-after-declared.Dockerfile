ARG tag=latest
FROM busybox:${tag}${version} AS b

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: UndefinedArgInFrom@2
