FROM debian:bookworm-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
ADD https://github.com/example/forego/releases/download/v0.16.1/forego /usr/local/bin/forego
RUN chmod u+x /usr/local/bin/forego
COPY Procfile /app/Procfile
COPY secrets.conf /app/secrets.conf
RUN chmod 0400 /app/secrets.conf
WORKDIR /app
USER 1001:1001
CMD ["forego", "start", "-f", "/app/Procfile", "-e", "/app/secrets.conf"]
