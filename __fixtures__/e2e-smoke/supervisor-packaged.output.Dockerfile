FROM docker.io/library/debian:bookworm
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --no-create-home --shell /usr/sbin/nologin nonroot

RUN apt-get update \
    && apt-get install -y --no-install-recommends supervisor python3 \
    && rm -rf /var/lib/apt/lists/*

COPY worker.conf /etc/supervisor/conf.d/worker.conf

RUN sed -i -e 's|/var/run/supervisor.sock|/run/supervisor/supervisor.sock|g' -e 's|/var/run/supervisord.pid|/run/supervisor/supervisord.pid|' /etc/supervisor/supervisord.conf \
    && mkdir -p /run/supervisor /var/log/supervisor \
    && chown 1001:1001 /run/supervisor /var/log/supervisor
USER 1001:1001
CMD ["/usr/bin/supervisord", "-n", "-c", "/etc/supervisor/supervisord.conf"]
