FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends nginx php8.2-fpm && rm -rf /var/lib/apt/lists/*
COPY site.conf /etc/nginx/sites-available/default
COPY public/ /var/www/html/
CMD service php8.2-fpm start && nginx -g 'daemon off;'
