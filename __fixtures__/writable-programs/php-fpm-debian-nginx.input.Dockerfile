FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx php8.2-fpm \
    && rm -rf /var/lib/apt/lists/*
COPY default.conf /etc/nginx/sites-available/default
COPY index.php /var/www/html/index.php
EXPOSE 8083
CMD ["sh", "-c", "php-fpm8.2 --daemonize && exec nginx -g 'daemon off;'"]
