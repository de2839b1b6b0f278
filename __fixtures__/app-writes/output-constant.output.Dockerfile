FROM python:3.9-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /app/output /app/models/checkpoints && chown 1001:1001 /app/output /app/models/checkpoints && chgrp 1001 /app && chmod 1775 /app
USER 1001:1001
CMD ["python", "main.py"]
