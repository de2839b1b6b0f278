FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends cron && rm -rf /var/lib/apt/lists/*
COPY jobs /etc/cron.d/jobs
COPY entrypoint.sh /entrypoint.sh
CMD ["sh", "/entrypoint.sh"]
