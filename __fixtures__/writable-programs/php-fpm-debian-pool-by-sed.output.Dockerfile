FROM debian:bookworm-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx php8.2-fpm \
    && rm -rf /var/lib/apt/lists/*
COPY default.conf /etc/nginx/sites-available/default
COPY index.php /var/www/html/index.php
COPY check_php.py /usr/local/bin/check_php.py
# The pool and the site move to one socket of their own, as many images set them up
RUN sed -i \
        -e "s/^listen = .*/listen = \/var\/run\/php-fpm.sock/" \
        -e "s/^;listen.mode = 0660/listen.mode = 0666/" \
        /etc/php/8.2/fpm/pool.d/www.conf \
    && sed -i -e "s/fastcgi_pass 127.0.0.1:9000;/fastcgi_pass unix:\/var\/run\/php-fpm.sock;/" /etc/nginx/sites-available/default
# nginx keeps its pid file in root-owned /run by default: set it where the unprivileged user can write
RUN sed -i -e '/^[[:space:]]*pid[[:space:]]/d' -e '1i pid /tmp/nginx.pid;' /etc/nginx/nginx.conf
# php-fpm can neither create its socket in root-owned /run nor chown it to listen.owner as non-root: keep it the user's own, in a folder the user owns
RUN sed -i -e 's/^[[:space:]]*listen\.owner[[:space:]]*=/;&/' -e 's/^[[:space:]]*listen\.group[[:space:]]*=/;&/' -e 's#^\([[:space:]]*listen[[:space:]]*=[[:space:]]*\)/var/run/php-fpm\.sock[[:space:]]*$#\1/var/run/php-fpm/php-fpm.sock#' /etc/php/8.2/fpm/pool.d/www.conf && sed -i -e 's#unix:/var/run/php-fpm\.sock\([^[:alnum:]._/-]\)#unix:/var/run/php-fpm/php-fpm.sock\1#g' -e 's#unix:/var/run/php-fpm\.sock$#unix:/var/run/php-fpm/php-fpm.sock#' /etc/nginx/sites-available/default
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /var/lib/nginx/body /var/lib/nginx/proxy /var/lib/nginx/fastcgi /var/lib/nginx/uwsgi /var/lib/nginx/scgi /var/log/nginx /run/php /var/run/php-fpm && touch /var/log/nginx/access.log /var/log/nginx/error.log /var/log/php8.2-fpm.log && chown 1001:1001 /var/lib/nginx/body /var/lib/nginx/proxy /var/lib/nginx/fastcgi /var/lib/nginx/uwsgi /var/lib/nginx/scgi /var/log/nginx /run/php /var/run/php-fpm /var/log/nginx/access.log /var/log/nginx/error.log /var/log/php8.2-fpm.log
EXPOSE 8083
USER 1001:1001
# Serves the page, asks nginx for it once (a 502 from a dead php-fpm ends the command), then stays up.
CMD ["sh", "-c", "php-fpm8.2 --daemonize && nginx && python3 /usr/local/bin/check_php.py && exec sleep infinity"]
