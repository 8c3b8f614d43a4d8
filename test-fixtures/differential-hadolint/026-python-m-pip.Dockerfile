FROM python:3.12-slim
RUN python3 -m pip install --no-cache-dir requests
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3013@2
