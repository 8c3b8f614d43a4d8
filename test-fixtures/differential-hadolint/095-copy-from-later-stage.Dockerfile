FROM alpine:3.20 AS app
COPY --from=assets /hello.txt /hello.txt

FROM alpine:3.20 AS assets
COPY hello.txt /hello.txt
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3022@2
# berth-differs: DL3022@2: BuildKit accepts a --from naming a stage that comes later in the file (no cycle here), so the build works
