FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends supervisor \
    && rm -rf /var/lib/apt/lists/*
CMD ["/usr/bin/supervisord", "-n"]
