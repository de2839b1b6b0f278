FROM php:8.2-fpm
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
COPY start.sh /start.sh
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /usr/local/etc/php /usr/local/etc/php/conf.d && chown 1001:1001 /usr/local/etc/php /usr/local/etc/php/conf.d
USER 1001:1001
CMD ["sh", "/start.sh"]
