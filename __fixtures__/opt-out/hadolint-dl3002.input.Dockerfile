FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends iptables && rm -rf /var/lib/apt/lists/*
# hadolint ignore=DL3002
USER root
CMD ["iptables-restore", "/etc/rules.v4"]
