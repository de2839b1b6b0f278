FROM debian:bookworm-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
ENV LOG_DIR=/var/log DATA_DIR=/opt CACHE_DIR=/tmp STATE_DIR=/var/lib/myapp
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /srv/app/state /var/lib/myapp && chown 1001:1001 /srv/app/state /var/lib/myapp
VOLUME /var
COPY app /usr/local/bin/app
USER 1001:1001
CMD ["/usr/local/bin/app"]
