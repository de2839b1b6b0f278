FROM python:3.12-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot

RUN pip install --no-cache-dir supervisor==4.2.5

COPY supervisord.conf /etc/supervisord.conf
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /var/log/supervisor /run/supervisor /var/log/worker && chown 1001:1001 /var/log/supervisor /run/supervisor /var/log/worker

USER 1001:1001
# supervisord runs the worker in the foreground
CMD ["supervisord", "-c", "/etc/supervisord.conf"]
