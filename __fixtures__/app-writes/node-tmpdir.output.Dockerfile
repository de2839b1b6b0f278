FROM node:20-slim
WORKDIR /app
COPY server.js .
USER 1000:1000
CMD ["node", "server.js"]
