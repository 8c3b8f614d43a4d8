FROM scratch
COPY hello.txt /hello.txt
USER 65534

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
