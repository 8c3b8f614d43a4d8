# A source image: it copies the SDKs for the test images built FROM it and installs nothing, so
# the workspace: versions in sdk/client/package.json are never resolved in it (highlight's
# sdk/base.Dockerfile). Near-miss for BTH308: no finding on sdk/client/package.json.
FROM python:3.12-bookworm
WORKDIR /src/sdk
COPY . .
RUN useradd --create-home app
USER app
CMD ["python3", "-m", "http.server", "8000"]
