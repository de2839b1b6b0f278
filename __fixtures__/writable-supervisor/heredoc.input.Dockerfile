# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends supervisor && rm -rf /var/lib/apt/lists/*
COPY <<EOF /etc/supervisor/conf.d/app.conf
[supervisord]
nodaemon=true
user=root

[program:sleeper]
command=sleep infinity
user=root
EOF
CMD ["/usr/bin/supervisord"]
