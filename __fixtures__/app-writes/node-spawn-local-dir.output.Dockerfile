FROM node:20-slim
RUN apt-get update && apt-get install -y --no-install-recommends python3-pip && pip3 install --break-system-packages huggingface_hub
WORKDIR /srv/api
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build && mkdir -p /srv/models
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /home/node/.cache/huggingface /srv/models && chown 1000:1000 /home/node/.cache/huggingface /srv/models
ENV HF_HOME=/home/node/.cache/huggingface
USER 1000:1000
CMD ["npm", "start"]
