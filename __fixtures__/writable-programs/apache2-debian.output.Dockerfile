FROM debian:bookworm-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN apt-get update && apt-get install -y --no-install-recommends apache2 && rm -rf /var/lib/apt/lists/*
# CGI through mod_cgid (the mpm_event way), served on 8082
RUN a2enmod cgid \
    && sed -i 's/^Listen 80$/Listen 8082/' /etc/apache2/ports.conf \
    && sed -i 's/<VirtualHost \*:80>/<VirtualHost *:8082>/' /etc/apache2/sites-available/000-default.conf
# apache2's start script checks its run and lock folders belong to this user: name the unprivileged one
RUN sed -i -e 's/^export APACHE_RUN_USER=.*/export APACHE_RUN_USER=nonroot/' -e 's/^export APACHE_RUN_GROUP=.*/export APACHE_RUN_GROUP=nonroot/' /etc/apache2/envvars
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /var/run/apache2 /var/lock/apache2 /var/log/apache2 && touch /var/log/apache2/access.log /var/log/apache2/error.log /var/log/apache2/other_vhosts_access.log && chown 1001:1001 /var/run/apache2 /var/lock/apache2 /var/log/apache2 /var/log/apache2/access.log /var/log/apache2/error.log /var/log/apache2/other_vhosts_access.log
EXPOSE 8082
USER 1001:1001
CMD ["apache2ctl", "-D", "FOREGROUND"]
