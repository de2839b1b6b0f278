FROM debian:bookworm-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx php8.2-fpm \
    && rm -rf /var/lib/apt/lists/*
COPY default.conf /etc/nginx/sites-available/default
COPY index.php /var/www/html/index.php
# nginx keeps its pid file in root-owned /run by default: set it where the unprivileged user can write
RUN sed -i -e '/^[[:space:]]*pid[[:space:]]/d' -e '1i pid /tmp/nginx.pid;' /etc/nginx/nginx.conf
# php-fpm chowns its socket to listen.owner/listen.group, which fails as non-root: leave the socket the user's own
RUN sed -i -e 's/^[[:space:]]*listen\.owner[[:space:]]*=/;&/' -e 's/^[[:space:]]*listen\.group[[:space:]]*=/;&/' /etc/php/8.2/fpm/pool.d/www.conf
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /var/lib/nginx/body /var/lib/nginx/proxy /var/lib/nginx/fastcgi /var/lib/nginx/uwsgi /var/lib/nginx/scgi /var/log/nginx /run/php && touch /var/log/nginx/access.log /var/log/nginx/error.log /var/log/php8.2-fpm.log && chown 1001:1001 /var/lib/nginx/body /var/lib/nginx/proxy /var/lib/nginx/fastcgi /var/lib/nginx/uwsgi /var/lib/nginx/scgi /var/log/nginx /run/php /var/log/nginx/access.log /var/log/nginx/error.log /var/log/php8.2-fpm.log
EXPOSE 8083
USER 1001:1001
CMD ["sh", "-c", "php-fpm8.2 --daemonize && exec nginx -g 'daemon off;'"]
