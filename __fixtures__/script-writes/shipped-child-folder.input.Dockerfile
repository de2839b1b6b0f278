FROM php:8.2-fpm
COPY start.sh /start.sh
CMD ["sh", "/start.sh"]
