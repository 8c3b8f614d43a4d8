FROM node:20-alpine
WORKDIR /app
COPY package.json .
RUN npm install --omit=dev
USER node
CMD ["node", "server.js"]

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: none
