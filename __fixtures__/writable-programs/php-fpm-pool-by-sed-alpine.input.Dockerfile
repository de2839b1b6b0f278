FROM php:8.2-fpm-alpine3.18

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

EXPOSE 8080
CMD ["/usr/bin/supervisord", "-n", "-c", "/etc/supervisord.conf"]
