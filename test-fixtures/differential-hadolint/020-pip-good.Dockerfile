FROM python:3.12-slim
RUN pip install --no-cache-dir flask==3.0.3
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
