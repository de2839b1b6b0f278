FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends apache2 && rm -rf /var/lib/apt/lists/*
# CGI through mod_cgid (the mpm_event way), served on 8082
RUN a2enmod cgid \
    && sed -i 's/^Listen 80$/Listen 8082/' /etc/apache2/ports.conf \
    && sed -i 's/<VirtualHost \*:80>/<VirtualHost *:8082>/' /etc/apache2/sites-available/000-default.conf
EXPOSE 8082
CMD ["apache2ctl", "-D", "FOREGROUND"]
