FROM docker.io/library/debian:bookworm

RUN apt-get update \
    && apt-get install -y --no-install-recommends supervisor python3 \
    && rm -rf /var/lib/apt/lists/*

COPY worker.conf /etc/supervisor/conf.d/worker.conf

CMD ["/usr/bin/supervisord", "-n", "-c", "/etc/supervisor/supervisord.conf"]
