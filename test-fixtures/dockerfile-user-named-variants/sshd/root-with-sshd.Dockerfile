# LibreTranslate's docker/root-with-sshd.Dockerfile: the name says the variant runs as root.
FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends openssh-server \
    && rm -rf /var/lib/apt/lists/*
COPY app.py /app/app.py
# expect: BTH007 "the file's name says it is the variant that runs as root"
USER root
CMD ["python", "/app/app.py"]
