# unstract's runner: one compose file builds it as acme/runner:${VERSION}, another runs that
# image with the Docker socket; VERSION unset leaves the tag blank, but the image's name links
# the two: a socket client, root by design.
# ok: BTH007
FROM python:3.12-slim
RUN pip install --no-cache-dir docker
CMD ["python", "-m", "runner"]
