#!/usr/bin/env bash
# Generates a large repository tree for throughput benchmarks: at SCALE 4, 5,000 Dockerfiles and
# 1,500 compose files with their build contexts and configs (1,500 compose projects of three
# services each, built from three contexts: a Node front end behind nginx, a Python API with an
# entrypoint script, an nginx proxy; plus 500 stand-alone image Dockerfiles). SCALE 1 is a quarter
# of that, so SCALE 1, 2, 4 show how the cost grows with the number of files.
# Variants (every 5th, 7th, 11th... project) make rules fire: shell-form CMD, root final stage,
# a missing env_file, a duplicate host port, an unset variable, a COPY of an ignored file.
# Only shell builtins write files (one mkdir per project), so generation stays fast.
# Usage: bench/generate-tree.sh DIR [SCALE [PROJECTS IMAGES]]   (explicit counts for small trees)
set -euo pipefail
dir=${1:?usage: generate-tree.sh DIR [SCALE [PROJECTS IMAGES]]}
scale=${2:-4}
case $scale in ''|*[!0-9]*) echo "SCALE must be a whole number" >&2; exit 2 ;; esac
projects=${3:-$((375 * scale))}
images=${4:-$((125 * scale))}
case $projects$images in *[!0-9]*) echo "PROJECTS and IMAGES must be whole numbers" >&2; exit 2 ;; esac
rm -rf "$dir"
mkdir -p "$dir"
printf 'node_modules/\ndist/\n*.log\n.env.local\n' > "$dir/.gitignore"

for i in $(seq 1 "$projects"); do
  p="$dir/projects/p$i"
  mkdir -p "$p/web/src" "$p/web/public" "$p/api/app" "$p/api/tests" "$p/proxy/conf.d"
  port=$((20000 + i))

  # --- web: Node build, static files served by nginx
  {
    printf '# syntax=docker/dockerfile:1\n'
    printf 'FROM node:20-alpine AS build\n'
    printf 'WORKDIR /src\n'
    printf 'COPY package.json package-lock.json ./\n'
    printf 'RUN npm ci\n'
    printf 'COPY . .\n'
    printf 'RUN npm run build\n\n'
    # the shell-form variant on the Debian image, whose /bin/sh (dash) stays PID 1
    if (( i % 7 == 0 )); then printf 'FROM nginx:1.27\n'; else printf 'FROM nginx:1.27-alpine\n'; fi
    printf 'COPY --from=build /src/dist /usr/share/nginx/html\n'
    printf 'COPY public/ /usr/share/nginx/html/static/\n'
    printf 'EXPOSE 80\n'
    if (( i % 7 == 0 )); then
      printf 'CMD nginx -g "daemon off;"\n'
    else
      printf 'CMD ["nginx", "-g", "daemon off;"]\n'
    fi
  } > "$p/web/Dockerfile"
  printf 'node_modules\ndist\n.git\n*.log\n' > "$p/web/.dockerignore"
  printf '{\n  "name": "web%s",\n  "private": true,\n  "scripts": {"build": "vite build"},\n  "dependencies": {"react": "^18.3.1"}\n}\n' "$i" > "$p/web/package.json"
  printf '{"name": "web%s", "lockfileVersion": 3}\n' "$i" > "$p/web/package-lock.json"
  printf 'import React from "react";\nexport const App = () => "web %s";\n' "$i" > "$p/web/src/App.jsx"
  printf '<!doctype html><title>web %s</title>\n' "$i" > "$p/web/public/index.html"

  # --- api: Python with an entrypoint script, non-root user
  {
    printf '# syntax=docker/dockerfile:1\n'
    printf 'ARG PYTHON_VERSION=3.12\n'
    printf 'FROM python:${PYTHON_VERSION}-slim AS builder\n'
    printf 'WORKDIR /build\n'
    printf 'COPY requirements.txt .\n'
    printf 'RUN python -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir -r requirements.txt\n\n'
    printf 'FROM python:${PYTHON_VERSION}-slim\n'
    printf 'RUN groupadd --system --gid 10001 app && \\\n'
    printf '    useradd --system --uid 10001 --gid app --home-dir /app app\n'
    printf 'WORKDIR /app\n'
    printf 'COPY --from=builder /opt/venv /opt/venv\n'
    printf 'COPY --chown=app:app app/ ./app/\n'
    printf 'COPY --chmod=0755 entrypoint.sh /usr/local/bin/entrypoint.sh\n'
    if (( i % 11 == 0 )); then printf 'COPY tests/ ./tests/\n'; fi
    printf 'ENV PATH=/opt/venv/bin:$PATH PORT=8000\n'
    printf 'EXPOSE 8000\n'
    printf 'HEALTHCHECK --interval=30s --timeout=3s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\x27http://localhost:8000/health\x27)"]\n'
    if (( i % 5 != 0 )); then printf 'USER app\n'; fi
    printf 'ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]\n'
    printf 'CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]\n'
  } > "$p/api/Dockerfile"
  printf '.venv\n__pycache__\n*.pyc\n.git\ntests\n' > "$p/api/.dockerignore"
  printf 'fastapi==0.115.0\nuvicorn==0.30.0\npsycopg[binary]==3.2.1\n' > "$p/api/requirements.txt"
  printf '#!/bin/sh\nset -e\nif [ "$1" = "migrate" ]; then\n  exec python -m app.migrate\nfi\nexec "$@"\n' > "$p/api/entrypoint.sh"
  printf 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/health")\ndef health():\n    return {"ok": True}\n' > "$p/api/app/main.py"
  printf '' > "$p/api/app/__init__.py"
  printf 'def test_health():\n    assert True\n' > "$p/api/tests/test_main.py"

  # --- proxy: nginx with its own config
  {
    printf 'FROM nginx:1.27-alpine\n'
    printf 'COPY conf.d/ /etc/nginx/conf.d/\n'
    printf 'EXPOSE 8080\n'
  } > "$p/proxy/Dockerfile"
  printf 'server {\n  listen 8080;\n  location /api/ { proxy_pass http://api:8000/; }\n  location / { proxy_pass http://web:80/; }\n}\n' > "$p/proxy/conf.d/default.conf"

  # --- compose project wiring them up
  {
    printf 'name: p%s\n' "$i"
    printf 'services:\n'
    printf '  proxy:\n'
    printf '    build: ./proxy\n'
    printf '    ports:\n'
    printf '      - "%s:8080"\n' "$port"
    if (( i % 13 == 0 )); then printf '      - "%s:8081"\n' "$port"; fi
    printf '    depends_on:\n'
    printf '      api:\n'
    printf '        condition: service_healthy\n'
    printf '      web:\n'
    printf '        condition: service_started\n'
    printf '  web:\n'
    printf '    build:\n'
    printf '      context: ./web\n'
    printf '      dockerfile: Dockerfile\n'
    printf '    restart: unless-stopped\n'
    printf '  api:\n'
    printf '    build:\n'
    printf '      context: ./api\n'
    printf '      args:\n'
    printf '        PYTHON_VERSION: "3.12"\n'
    printf '    environment:\n'
    printf '      DATABASE_URL: postgresql://app:${DB_PASSWORD}@db:5432/app\n'
    printf '      LOG_LEVEL: ${LOG_LEVEL:-info}\n'
    if (( i % 17 == 0 )); then printf '      SENTRY_DSN: ${SENTRY_DSN}\n'; fi
    if (( i % 19 == 0 )); then
      printf '    env_file:\n'
      printf '      - ./api/missing.env\n'
    fi
    printf '    volumes:\n'
    printf '      - uploads:/app/uploads\n'
    printf '      - ./proxy/conf.d:/config:ro\n'
    printf '    healthcheck:\n'
    printf '      test: ["CMD", "python", "-c", "print(1)"]\n'
    printf '      interval: 10s\n'
    printf '      retries: 5\n'
    printf '    depends_on:\n'
    printf '      - db\n'
    printf '  db:\n'
    printf '    image: postgres:16\n'
    printf '    environment:\n'
    printf '      POSTGRES_PASSWORD: ${DB_PASSWORD}\n'
    printf '    volumes:\n'
    printf '      - dbdata:/var/lib/postgresql/data\n'
    printf 'volumes:\n'
    printf '  dbdata:\n'
    printf '  uploads:\n'
  } > "$p/docker-compose.yml"
  printf 'DB_PASSWORD=app\n' > "$p/.env"
  printf '.env.local\n' > "$p/.gitignore"
done

# --- stand-alone image Dockerfiles (no compose), alternating Go, Debian and Alpine styles
for j in $(seq 1 "$images"); do
  d="$dir/images/i$j"
  mkdir -p "$d/cmd"
  case $((j % 3)) in
    0)
      {
        printf 'FROM golang:1.23 AS build\n'
        printf 'WORKDIR /src\n'
        printf 'COPY go.mod ./\n'
        printf 'RUN go mod download\n'
        printf 'COPY . .\n'
        printf 'RUN CGO_ENABLED=0 go build -o /out/app ./cmd\n\n'
        printf 'FROM gcr.io/distroless/static-debian12:nonroot\n'
        printf 'COPY --from=build /out/app /app\n'
        printf 'ENTRYPOINT ["/app"]\n'
      } > "$d/Dockerfile"
      printf 'module example.com/i%s\n\ngo 1.23\n' "$j" > "$d/go.mod"
      printf 'package main\n\nfunc main() {}\n' > "$d/cmd/main.go"
      ;;
    1)
      {
        printf 'FROM debian:bookworm-slim\n'
        printf 'RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \\\n'
        printf '    && rm -rf /var/lib/apt/lists/*\n'
        printf 'RUN useradd --create-home --uid 1000 worker\n'
        printf 'COPY --chown=worker cmd/run.sh /home/worker/run.sh\n'
        printf 'USER worker\n'
        printf 'WORKDIR /home/worker\n'
        printf 'CMD ["/bin/sh", "/home/worker/run.sh"]\n'
      } > "$d/Dockerfile"
      printf '#!/bin/sh\necho working\n' > "$d/cmd/run.sh"
      ;;
    2)
      {
        printf 'FROM alpine:3.20\n'
        printf 'RUN apk add --no-cache tini\n'
        printf 'RUN addgroup -S app && adduser -S -G app app\n'
        printf 'COPY cmd/ /opt/app/\n'
        if (( j % 4 == 0 )); then printf 'USER app\n'; fi
        printf 'ENTRYPOINT ["/sbin/tini", "--"]\n'
        printf 'CMD ["/opt/app/run"]\n'
      } > "$d/Dockerfile"
      printf '#!/bin/sh\necho run\n' > "$d/cmd/run"
      ;;
  esac
done
echo "generated under $dir: $projects compose projects, $((projects * 3 + images)) Dockerfiles, $(find "$dir" -type f | wc -l) files"
