# lakekeeper's release image: the job downloads the build artifacts (one directory each) and
# unpacks the binary inside its directory before building, so the file is made, not missing.
FROM gcr.io/distroless/cc-debian12:nonroot
ARG BIN
# ok: BTH301
COPY --chmod=555 ${BIN} /home/nonroot/lakekeeper
# Near miss: the job also unpacks an archive in the checkout's root, which says nothing of what
# lands there.
# expect: BTH301 "COPY source `LICENSE-THIRD-PARTY`"
COPY LICENSE-THIRD-PARTY /licenses/
# Near miss: nor does one unpacked into docker/, a directory the checkout has.
# expect: BTH301 "COPY source `docker/release.toml`"
COPY docker/release.toml /etc/lakekeeper/
ENTRYPOINT ["/home/nonroot/lakekeeper"]
