#!/usr/bin/env bash
# Generates a synthetic monorepo for benchmarking: SERVICES services, each with a multi-stage
# Dockerfile, a .dockerignore and a little app code, plus one compose project wiring them up.
# Usage: bench/generate.sh DIR [SERVICES] [FILLER_FILES_PER_SERVICE]
set -euo pipefail
dir=${1:?usage: generate.sh DIR [SERVICES] [FILLER]}
services=${2:-40}
filler=${3:-50}
rm -rf "$dir"
mkdir -p "$dir"
compose="$dir/docker-compose.yml"
echo "services:" > "$compose"
for i in $(seq 1 "$services"); do
  svc="svc$i"
  d="$dir/services/$svc"
  mkdir -p "$d/src" "$d/tests"
  port=$((8000 + i))
  cat > "$d/Dockerfile" <<DOCKER
# syntax=docker/dockerfile:1
ARG PYTHON_VERSION=3.12
FROM python:\${PYTHON_VERSION}-slim AS builder
ENV PIP_NO_CACHE_DIR=1 \\
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /build
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip \\
    python -m venv /opt/venv && \\
    /opt/venv/bin/pip install -r requirements.txt

FROM python:\${PYTHON_VERSION}-slim AS test
COPY --from=builder /opt/venv /opt/venv
COPY . /app
RUN /opt/venv/bin/python -m pytest /app/tests

FROM python:\${PYTHON_VERSION}-slim
LABEL org.opencontainers.image.title="$svc" \\
      org.opencontainers.image.version="1.0.$i"
RUN groupadd --system --gid 10001 app && \\
    useradd --system --uid 10001 --gid app --home-dir /app app
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY --chown=app:app src/ ./src/
ENV PATH=/opt/venv/bin:\$PATH \\
    PORT=$port
EXPOSE $port
HEALTHCHECK --interval=30s --timeout=3s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:$port/health')"]
USER app
CMD ["uvicorn", "src.main:app", "--host", "0.0.0.0", "--port", "$port"]
DOCKER
  printf '.venv\n__pycache__\n*.pyc\n.git\n' > "$d/.dockerignore"
  printf 'fastapi==0.115.0\nuvicorn==0.30.0\n' > "$d/requirements.txt"
  printf 'from fastapi import FastAPI\napp = FastAPI()\n' > "$d/src/main.py"
  for f in $(seq 1 "$filler"); do
    printf 'def test_%s():\n    assert True\n' "$f" > "$d/tests/test_$f.py"
  done
  cat >> "$compose" <<YAML
  $svc:
    build:
      context: ./services/$svc
    ports:
      - "$port:$port"
    environment:
      DATABASE_URL: postgresql://app:app@db:5432/$svc
    depends_on:
      - db
YAML
done
cat >> "$compose" <<'YAML'
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: app
    volumes:
      - dbdata:/var/lib/postgresql/data
volumes:
  dbdata:
YAML
echo "generated $services services under $dir ($(find "$dir" -type f | wc -l) files)"
