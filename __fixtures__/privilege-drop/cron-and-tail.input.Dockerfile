FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends cron && rm -rf /var/lib/apt/lists/*
COPY crontab /etc/cron.d/jobs
RUN touch /var/log/cron.log
CMD cron && tail -f /var/log/cron.log
