FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends nodejs && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY index.js package.json /app/
COPY multer-stand-in /app/node_modules/multer
RUN mkdir /app/uploads
CMD ["node", "index.js"]
