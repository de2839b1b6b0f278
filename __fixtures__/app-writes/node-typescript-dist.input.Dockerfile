FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends nodejs node-typescript && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json tsconfig.json ./
COPY src ./src
RUN tsc -p tsconfig.json
# Downloaded models live next to the app
RUN mkdir -p models
CMD ["node", "dist/index.js"]
