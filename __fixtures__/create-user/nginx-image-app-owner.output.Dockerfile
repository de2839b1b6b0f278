FROM nginx:1.27-alpine
COPY index.html /usr/share/nginx/html/
# The site writes its caches next to its pages, as the nginx user.
RUN chown -R nginx:nginx /usr/share/nginx/html
# nginx keeps its pid file in root-owned /run by default: set it where the unprivileged user can write
RUN sed -i -e '/^[[:space:]]*pid[[:space:]]/d' -e '1i pid /tmp/nginx.pid;' /etc/nginx/nginx.conf
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /var/cache/nginx && chown 101:101 /var/cache/nginx
USER 101:101
CMD ["nginx", "-g", "daemon off;"]
