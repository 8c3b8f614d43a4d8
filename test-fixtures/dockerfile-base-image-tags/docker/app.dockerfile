FROM acme/app:builder-go AS tools

FROM node:20-bookworm-slim AS release
COPY --from=tools /out/healthcheck /usr/local/bin/healthcheck
USER node
CMD ["node", "-e", "require('http').createServer((q, s) => s.end('ok')).listen(3001)"]
