FROM debian:bookworm-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN apt-get update \
    # tools for the health check
    && apt-get install -y curl \
    # keep the image small
    && rm -rf /var/lib/apt/lists/*
USER 1001:1001
CMD ["sleep", "infinity"]
