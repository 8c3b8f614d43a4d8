# prefect's old-sqlite image: the workflow runs it once with a command of its own and waits for
# it (no --rm): a job, not a service; a note that says so.
# expect: BTH007 "or a job a script or CI step waits for"
FROM python:3.12-slim
RUN pip install --no-cache-dir alembic
