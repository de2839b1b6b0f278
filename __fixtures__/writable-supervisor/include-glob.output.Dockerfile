FROM python:3.12-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN pip install --no-cache-dir supervisor
COPY supervisor/ /etc/app-supervisor/
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /var/log/app /run/supervisor && chown 1001:1001 /var/log/app /run/supervisor
USER 1001:1001
CMD ["supervisord", "-c", "/etc/app-supervisor/supervisord.conf"]
