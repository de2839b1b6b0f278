FROM python:3.12-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN apt-get update && apt-get install -y --no-install-recommends supervisor && rm -rf /var/lib/apt/lists/*
RUN mkdir -p /etc/supervisor/conf.d /var/log/supervisor
COPY supervisord.conf /etc/supervisor/conf.d/supervisord.conf
COPY app.py /app/app.py
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /var/log/supervisor && chown 1001:1001 /var/log/supervisor
USER 1001:1001
CMD ["supervisord", "-c", "/etc/supervisor/conf.d/supervisord.conf"]
