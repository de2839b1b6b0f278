FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
WORKDIR /srv/job
COPY job.py .
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /srv/job/downloads /var/lib/models && chown 1001:1001 /srv/job/downloads /var/lib/models && chgrp 1001 /srv/job && chmod 1775 /srv/job
USER 1001:1001
CMD ["python", "job.py"]
