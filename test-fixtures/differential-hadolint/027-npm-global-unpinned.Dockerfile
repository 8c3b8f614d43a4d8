FROM node:20-alpine
RUN npm install -g typescript
USER node

# ---- differential: what hadolint (8f936c5, DL rules and ShellCheck) reports for this file
# hadolint: DL3016@2
