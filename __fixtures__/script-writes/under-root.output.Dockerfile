FROM python:3.12-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
WORKDIR /app
COPY app.py entrypoint.sh /app/
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /app/logs && chown 1001:1001 /app/logs
USER 1001:1001
ENTRYPOINT ["sh", "/app/entrypoint.sh"]
CMD ["python3", "/app/app.py"]
