FROM alpine:3.20
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN addgroup -S -g 1001 nonroot && adduser -S -D -u 1001 -G nonroot -h /home/nonroot nonroot
RUN apk add --no-cache nginx
COPY default.conf /etc/nginx/http.d/default.conf
COPY public/ /var/www/html/
# nginx keeps its pid file in root-owned /run by default: set it where the unprivileged user can write
RUN sed -i -e '/^[[:space:]]*pid[[:space:]]/d' -e '1i pid /tmp/nginx.pid;' /etc/nginx/nginx.conf
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /run/nginx /var/tmp/nginx /var/log/nginx && chown 1001:1001 /run/nginx /var/tmp/nginx /var/log/nginx
EXPOSE 8080
USER 1001:1001
CMD ["nginx", "-g", "daemon off;"]
