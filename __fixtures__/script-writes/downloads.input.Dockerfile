FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
# What the start script fetches, served from the image itself (a file:// URL needs no network).
COPY feed/ /srv/feed/
ENV MODEL_URL=file:///srv/feed/model.bin
ENV CONFIG_URL=file:///srv/feed/config.json
WORKDIR /srv/app
COPY entrypoint.sh /usr/local/bin/entrypoint.sh
RUN chmod 755 /usr/local/bin/entrypoint.sh
ENTRYPOINT ["entrypoint.sh"]
