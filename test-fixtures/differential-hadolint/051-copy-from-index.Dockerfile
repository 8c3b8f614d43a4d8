FROM alpine:3.20
RUN echo built > /built.txt

FROM alpine:3.20
COPY --from=0 /built.txt /built.txt
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
