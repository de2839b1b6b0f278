FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends rsyslog && rm -rf /var/lib/apt/lists/*
COPY start.sh /usr/local/bin/start.sh
CMD ["start.sh"]
