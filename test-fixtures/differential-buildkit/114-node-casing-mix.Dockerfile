FROM node:20-alpine AS deps
WORKDIR /app
copy app.py ./
run node --version

FROM node:20-alpine
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
USER node
CMD ["node", "server.js"]

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: ConsistentInstructionCasing@3 ConsistentInstructionCasing@4
