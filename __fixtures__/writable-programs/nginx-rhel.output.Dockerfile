FROM registry.access.redhat.com/ubi9/ubi
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN dnf install -y nginx && dnf clean all
COPY html/ /usr/share/nginx/html/
# nginx keeps its pid file in root-owned /run by default: set it where the unprivileged user can write
RUN sed -i -e '/^[[:space:]]*pid[[:space:]]/d' -e '1i pid /tmp/nginx.pid;' /etc/nginx/nginx.conf
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /var/lib/nginx /var/lib/nginx/tmp /var/log/nginx && chown 1001:1001 /var/lib/nginx /var/lib/nginx/tmp /var/log/nginx
EXPOSE 8080
USER 1001:1001
CMD ["nginx", "-g", "daemon off;"]
