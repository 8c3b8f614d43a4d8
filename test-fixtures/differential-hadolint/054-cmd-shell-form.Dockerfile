FROM python:3.12-slim
USER nobody
CMD python -m http.server

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3025@3
