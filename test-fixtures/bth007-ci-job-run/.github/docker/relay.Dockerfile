# Near miss: run on the host's network, it serves on the host's ports without -p: not a job.
# expect: BTH007 "this warning assumes the image runs as a service"
FROM python:3.12-slim
RUN pip install --no-cache-dir uvicorn
CMD ["uvicorn", "relay:app", "--host", "0.0.0.0", "--port", "9100"]
