FROM python:3.12-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
ENV SCRATCH_DIR=/pipeline/tmp \
    QUEUE_DIR=/var/lib/pipeline/queue
RUN mkdir -p /pipeline/tmp /var/lib/pipeline/queue
COPY pipeline.py /opt/pipeline/pipeline.py
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /pipeline/tmp /var/lib/pipeline/queue && chown 1001:1001 /pipeline/tmp /var/lib/pipeline/queue
USER 1001:1001
CMD ["python", "/opt/pipeline/pipeline.py"]
