FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3-django \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /var/cache/site && chown 1001:1001 /var/cache/site
ENV CACHE_URL=filecache:////var/cache/site
USER 1001:1001
CMD ["python3", "serve.py"]
