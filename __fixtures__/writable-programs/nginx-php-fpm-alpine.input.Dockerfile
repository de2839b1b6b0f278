FROM alpine:3.20
RUN apk add --no-cache nginx php83 php83-fpm
COPY default.conf /etc/nginx/http.d/default.conf
COPY www.conf /etc/php83/php-fpm.d/www.conf
COPY src/ /var/www/html/
EXPOSE 8080
CMD ["sh", "-c", "php-fpm83 && exec nginx -g 'daemon off;'"]
