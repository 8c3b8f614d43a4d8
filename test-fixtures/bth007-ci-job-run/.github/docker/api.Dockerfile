# Near miss: the workflow starts this one with `&` and tests against it while it runs: a
# service for those tests, not a job the step waits for.
# expect: BTH007 "this warning assumes the image runs as a service"
FROM python:3.12-slim
RUN pip install --no-cache-dir uvicorn
CMD ["uvicorn", "api:app", "--host", "0.0.0.0", "--port", "9000"]
