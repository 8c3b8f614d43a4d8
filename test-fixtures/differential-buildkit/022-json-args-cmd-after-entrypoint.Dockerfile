FROM alpine:3.20
ENTRYPOINT ["/usr/local/bin/server"]
CMD serve --port 80

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: JSONArgsRecommended@3
# berth-differs: JSONArgsRecommended@3: with an exec-form ENTRYPOINT the CMD is only its argument list; whether a shell runs it depends on the entrypoint program (BTH006 judges the ENTRYPOINT)
