FROM python:3.12-slim
LABEL org.example.python=$PYTHON_VERSION

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: none
