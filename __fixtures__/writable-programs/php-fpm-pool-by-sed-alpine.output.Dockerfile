FROM php:8.2-fpm-alpine3.18
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN addgroup -S -g 1001 nonroot && adduser -S -D -u 1001 -G nonroot -h /home/nonroot nonroot

ENV fpm_conf /usr/local/etc/php-fpm.d/www.conf

RUN apk add --no-cache nginx supervisor

ADD conf/supervisord.conf /etc/supervisord.conf
ADD conf/nginx-site.conf /etc/nginx/http.d/default.conf

# tweak php-fpm config
RUN sed -i \
        -e "s/user = www-data/user = nginx/g" \
        -e "s/group = www-data/group = nginx/g" \
        -e "s/;listen.mode = 0660/listen.mode = 0666/g" \
        -e "s/;listen.owner = www-data/listen.owner = nginx/g" \
        -e "s/;listen.group = www-data/listen.group = nginx/g" \
        -e "s/listen = 127.0.0.1:9000/listen = \/var\/run\/php-fpm.sock/g" \
        ${fpm_conf}

ADD src/ /var/www/html/
# php-fpm can neither create its socket in root-owned /run nor chown it to listen.owner as non-root: keep it the user's own, in a folder the user owns
RUN sed -i -e 's/^[[:space:]]*listen\.owner[[:space:]]*=/;&/' -e 's/^[[:space:]]*listen\.group[[:space:]]*=/;&/' -e 's#^\([[:space:]]*listen[[:space:]]*=[[:space:]]*\)/var/run/php-fpm\.sock[[:space:]]*$#\1/var/run/php-fpm/php-fpm.sock#' /usr/local/etc/php-fpm.d/www.conf
# nginx keeps its pid file in root-owned /run by default: set it where the unprivileged user can write
RUN sed -i -e '/^[[:space:]]*pid[[:space:]]/d' -e '1i pid /tmp/nginx.pid;' /etc/nginx/nginx.conf
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /var/run/php-fpm /run/nginx /var/tmp/nginx /var/log/nginx /usr/local/var/log && touch /usr/local/var/log/php-fpm.log && chown 1001:1001 /var/run/php-fpm /run/nginx /var/tmp/nginx /var/log/nginx /usr/local/var/log/php-fpm.log

EXPOSE 8080
USER 1001:1001
CMD ["/usr/bin/supervisord", "-n", "-c", "/etc/supervisord.conf"]
