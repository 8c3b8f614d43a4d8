FROM python:3.12-slim
RUN pip3 install flask
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3013@2 DL3042@2
