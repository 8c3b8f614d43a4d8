FROM alpine:3.20
COPY --from=builder /out/app /usr/local/bin/app
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3022@2
# berth-differs: DL3022@2: no stage has a name like 'builder', so --from=builder may be the image docker.io/library/builder; BTH003 reports names one or two typos from a stage (073)
