FROM node:20-slim
RUN apt-get update && apt-get install -y --no-install-recommends python3-pip && pip3 install --break-system-packages huggingface_hub
WORKDIR /srv/api
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build && mkdir -p /srv/models
ENV HF_HOME=/home/node/.cache/huggingface
CMD ["npm", "start"]
