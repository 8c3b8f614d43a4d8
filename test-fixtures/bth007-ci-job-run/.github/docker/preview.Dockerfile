# Near miss: the same workflow runs this one publishing a port, a service it then tests against.
# expect: BTH007 "this warning assumes the image runs as a service"
FROM python:3.12-slim
RUN pip install --no-cache-dir uvicorn
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]
