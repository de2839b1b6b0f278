FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN pip install --no-cache-dir celery redis
COPY worker.py /srv/worker/worker.py
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /data/results && chown 1001:1001 /data/results
ENV RESULTS_DIR=/data/results
USER 1001:1001
CMD ["celery", "-A", "worker", "worker"]
