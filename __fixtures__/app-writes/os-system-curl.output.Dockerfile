FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
# The feed the job downloads, served from the image itself (a file:// URL needs no network).
COPY feed/ /srv/feed/
WORKDIR /app
COPY ingest_data.py ingest_data.py
# Paths written at run time, owned by the unprivileged user (only these)
RUN chgrp 1001 /app && chmod 1775 /app
USER 1001:1001
ENTRYPOINT ["python", "ingest_data.py", "--url", "file:///srv/feed/yellow_tripdata_2021-01.parquet"]
