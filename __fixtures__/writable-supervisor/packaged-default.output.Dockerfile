FROM debian:bookworm-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN apt-get update \
    && apt-get install -y --no-install-recommends supervisor \
    && rm -rf /var/lib/apt/lists/*
# supervisord cannot create its socket and pid file in root-owned /var/run as non-root: move them to /run/supervisor
RUN sed -i \
    -e 's|^pidfile=/var/run/supervisord\.pid|pidfile=/run/supervisor/supervisord.pid|' \
    -e 's|^file=/var/run/supervisor\.sock|file=/run/supervisor/supervisor.sock|' \
    -e 's|^serverurl=unix:///var/run/supervisor\.sock|serverurl=unix:///run/supervisor/supervisor.sock|' \
    /etc/supervisor/supervisord.conf
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /var/log/supervisor /run/supervisor && chown 1001:1001 /var/log/supervisor /run/supervisor
USER 1001:1001
CMD ["/usr/bin/supervisord", "-n"]
