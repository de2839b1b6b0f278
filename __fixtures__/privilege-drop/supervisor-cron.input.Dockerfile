FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends supervisor cron python3 \
 && rm -rf /var/lib/apt/lists/*
COPY crontab /etc/cron.d/app
COPY supervisord.conf /etc/supervisor/conf.d/app.conf
COPY worker.py /opt/worker.py
CMD ["/usr/bin/supervisord", "-n", "-c", "/etc/supervisor/supervisord.conf"]
