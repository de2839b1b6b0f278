FROM debian:bookworm-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN apt-get update && apt-get install -y --no-install-recommends nodejs && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY index.js package.json /app/
COPY multer-stand-in /app/node_modules/multer
RUN mkdir /app/uploads
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /app/uploads && chown 1001:1001 /app/uploads
USER 1001:1001
CMD ["node", "index.js"]
