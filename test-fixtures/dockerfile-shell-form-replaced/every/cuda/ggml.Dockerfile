FROM python:3.11-slim-bookworm
RUN pip install --no-cache-dir llama-cpp-python==0.1.78
USER nobody
# ok: BTH006
CMD python3 -m llama_cpp.server
