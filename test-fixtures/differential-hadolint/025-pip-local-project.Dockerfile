FROM python:3.12-slim
WORKDIR /src
COPY pyproject.toml .
RUN pip install --no-cache-dir .
USER nobody

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
