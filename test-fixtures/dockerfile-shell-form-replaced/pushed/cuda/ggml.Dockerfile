FROM python:3.11-slim-bookworm
RUN pip install --no-cache-dir llama-cpp-python==0.1.78
USER nobody
# expect: BTH006 "child of '/bin/sh -c'"
CMD python3 -m llama_cpp.server
