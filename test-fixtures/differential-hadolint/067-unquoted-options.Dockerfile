FROM alpine:3.20
ENV WGET_FLAGS="-q -O /tmp/index.html"
RUN wget $WGET_FLAGS https://example.com/
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: SC2086@3
# berth-differs: SC2086@3: the variable holds several options and is meant to split into them
