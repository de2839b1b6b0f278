FROM docker.io/library/node:20@sha256:2c2bd5fe7e1a1c5b2d8d7e4a8f0d1a6b7c3e9f0a1b2c3d4e5f60718293a4b5c6
WORKDIR /app
COPY . .
RUN npm ci --omit=dev
CMD ["node", "index.js"]
