FROM node:20-alpine
USER node
CMD ["node", "index.js"]
