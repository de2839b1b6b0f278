FROM php:7.3.6-fpm-alpine3.9

ENV fpm_conf /usr/local/etc/php-fpm.d/www.conf
ENV NGINX_VERSION 1.16.0

RUN CONFIG="\
    --prefix=/etc/nginx \
    --sbin-path=/usr/sbin/nginx \
    --conf-path=/etc/nginx/nginx.conf \
    --error-log-path=/var/log/nginx/error.log \
    --http-log-path=/var/log/nginx/access.log \
    --pid-path=/var/run/nginx.pid \
    --lock-path=/var/run/nginx.lock \
    --http-client-body-temp-path=/var/cache/nginx/client_temp \
    --http-proxy-temp-path=/var/cache/nginx/proxy_temp \
    --http-fastcgi-temp-path=/var/cache/nginx/fastcgi_temp \
    --user=nginx \
    --group=nginx \
    --with-http_ssl_module \
  " \
  && addgroup -S nginx \
  && adduser -u 1001 -D -S -h /var/cache/nginx -s /sbin/nologin -G nginx nginx \
  && apk add --no-cache --virtual .build-deps gcc libc-dev make openssl-dev pcre-dev zlib-dev curl \
  && curl -fSL http://nginx.org/download/nginx-$NGINX_VERSION.tar.gz -o nginx.tar.gz \
  && mkdir -p /usr/src \
  && tar -zxC /usr/src -f nginx.tar.gz \
  && cd /usr/src/nginx-$NGINX_VERSION \
  && ./configure $CONFIG \
  && make -j$(getconf _NPROCESSORS_ONLN) \
  && make install \
  && apk del .build-deps \
  && ln -sf /dev/stdout /var/log/nginx/access.log \
  && ln -sf /dev/stderr /var/log/nginx/error.log

RUN apk add --no-cache supervisor

ADD conf/supervisord.conf /etc/supervisord.conf
ADD conf/nginx.conf /etc/nginx/nginx.conf
ADD conf/nginx-site.conf /etc/nginx/conf.d/default.conf

RUN sed -i \
        -e "s/;listen.owner = www-data/listen.owner = nginx/g" \
        -e "s/;listen.group = www-data/listen.group = nginx/g" \
        -e "s/listen = 127.0.0.1:9000/listen = \/var\/run\/php-fpm.sock/g" \
        ${fpm_conf}
# php-fpm can neither create its socket in root-owned /run nor chown it to listen.owner as non-root: keep it the user's own, in a folder the user owns
RUN sed -i -e 's/^[[:space:]]*listen\.owner[[:space:]]*=/;&/' -e 's/^[[:space:]]*listen\.group[[:space:]]*=/;&/' -e 's#^\([[:space:]]*listen[[:space:]]*=[[:space:]]*\)/var/run/php-fpm\.sock[[:space:]]*$#\1/var/run/php-fpm/php-fpm.sock#' /usr/local/etc/php-fpm.d/www.conf
# nginx keeps its pid file in root-owned /run by default: set it where the unprivileged user can write
RUN sed -i -e '/^[[:space:]]*pid[[:space:]]/d' -e '1i pid /tmp/nginx.pid;' /etc/nginx/nginx.conf
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /var/run/php-fpm /var/log/nginx /var/lib/app/client_body /var/cache/nginx/proxy_temp /var/cache/nginx/fastcgi_temp /etc/nginx/uwsgi_temp /etc/nginx/scgi_temp /usr/local/var/log && touch /usr/local/var/log/php-fpm.log && chown 1001:1001 /var/run/php-fpm /var/log/nginx /var/lib/app/client_body /var/cache/nginx/proxy_temp /var/cache/nginx/fastcgi_temp /etc/nginx/uwsgi_temp /etc/nginx/scgi_temp /usr/local/var/log/php-fpm.log

EXPOSE 8080
USER 1001
CMD ["/usr/bin/supervisord", "-n", "-c", "/etc/supervisord.conf"]
