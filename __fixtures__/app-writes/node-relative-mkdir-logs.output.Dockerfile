FROM node:20
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm install
COPY . .
RUN mkdir -p logs
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /usr/src/app/logs && chown 1000:1000 /usr/src/app/logs
EXPOSE 3000
USER 1000:1000
CMD ["npx", "nodemon", "index.js"]
