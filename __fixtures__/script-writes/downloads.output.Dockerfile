FROM debian:bookworm-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
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
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /var/lib/models /var/lib/app && touch /var/lib/app/config.json && chown 1001:1001 /var/lib/models /var/lib/app/config.json
USER 1001:1001
ENTRYPOINT ["entrypoint.sh"]
