FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends supervisor && rm -rf /var/lib/apt/lists/*
RUN mkdir -p /etc/supervisor/conf.d /var/log/supervisor
COPY supervisord.conf /etc/supervisor/conf.d/supervisord.conf
COPY app.py /app/app.py
CMD ["supervisord", "-c", "/etc/supervisor/conf.d/supervisord.conf"]
