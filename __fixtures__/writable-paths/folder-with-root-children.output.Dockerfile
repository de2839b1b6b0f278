FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN mkdir -p /srv/storage/uploads /srv/storage/outputs
ENV STORAGE_DIR=/srv/storage
COPY app.py /app/app.py
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /srv/storage && chown -R 1001:1001 /srv/storage
USER 1001:1001
CMD ["python", "/app/app.py"]
