FROM python:3.12-slim AS build
RUN pip install --no-cache-dir build==1.2.2
WORKDIR /src
COPY pyproject.toml .
RUN python -m build --wheel

FROM python:3.12-slim
COPY --from=build /src/dist /tmp/dist
RUN pip install --no-cache-dir /tmp/dist/*.whl && rm -rf /tmp/dist
USER nobody
CMD ["python", "-m", "table"]

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
