FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends supervisor python3 \
    && rm -rf /var/lib/apt/lists/*
COPY web.conf /etc/supervisor/conf.d/web.conf
EXPOSE 8000
CMD ["/usr/bin/supervisord", "-n", "-c", "/etc/supervisor/supervisord.conf"]
