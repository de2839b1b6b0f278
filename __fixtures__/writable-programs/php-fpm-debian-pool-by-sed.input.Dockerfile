FROM debian:bookworm-slim
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
EXPOSE 8083
# Serves the page, asks nginx for it once (a 502 from a dead php-fpm ends the command), then stays up.
CMD ["sh", "-c", "php-fpm8.2 --daemonize && nginx && python3 /usr/local/bin/check_php.py && exec sleep infinity"]
