FROM debian:bookworm-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN apt-get update && apt-get install -y --no-install-recommends nginx gettext-base \
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/default
COPY default.conf.template /etc/nginx/templates/default.conf.template
COPY public/ /usr/share/nginx/html/
# nginx keeps its pid file in root-owned /run by default: set it where the unprivileged user can write
RUN sed -i -e '/^[[:space:]]*pid[[:space:]]/d' -e '1i pid /tmp/nginx.pid;' /etc/nginx/nginx.conf
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /var/lib/nginx/body /var/lib/nginx/proxy /var/lib/nginx/fastcgi /var/lib/nginx/uwsgi /var/lib/nginx/scgi /var/log/nginx /etc/nginx/conf.d && touch /var/log/nginx/access.log /var/log/nginx/error.log /etc/nginx/conf.d/default.conf && chown 1001:1001 /var/lib/nginx/body /var/lib/nginx/proxy /var/lib/nginx/fastcgi /var/lib/nginx/uwsgi /var/lib/nginx/scgi /var/log/nginx /var/log/nginx/access.log /var/log/nginx/error.log /etc/nginx/conf.d/default.conf
ENV PORT=8086
USER 1001:1001
CMD ["sh", "-c", "envsubst '$PORT' < /etc/nginx/templates/default.conf.template > /etc/nginx/conf.d/default.conf && exec nginx -g 'daemon off;'"]
