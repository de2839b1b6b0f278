FROM php:8.2-fpm
WORKDIR /var/www
COPY . /var/www
RUN composer install --no-dev --optimize-autoloader \
 && chown -R www-data:www-data /var/www/storage /var/www/bootstrap/cache
EXPOSE 9000
CMD ["php-fpm"]
