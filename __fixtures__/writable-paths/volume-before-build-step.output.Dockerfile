FROM debian:bookworm-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN apt-get update && apt-get install -y --no-install-recommends sqlite3 && rm -rf /var/lib/apt/lists/*
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /var/lib/app && chown 1001:1001 /var/lib/app
VOLUME /var/lib/app
COPY app.sh /usr/local/bin/app.sh
USER 1001:1001
ENTRYPOINT ["/usr/local/bin/app.sh"]
