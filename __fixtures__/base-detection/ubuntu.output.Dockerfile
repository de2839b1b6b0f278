FROM ubuntu:22.04
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN apt-get update && apt-get install -y python3 && rm -rf /var/lib/apt/lists/*
COPY serve.py /srv/serve.py
USER 1001:1001
CMD ["python3", "/srv/serve.py"]
