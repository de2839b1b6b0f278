FROM node:20-slim
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci --omit=dev
COPY . .
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /usr/src/app/uploads /usr/src/app/logs && chown 1000:1000 /usr/src/app/uploads /usr/src/app/logs
USER 1000:1000
CMD ["node", "server.js"]
