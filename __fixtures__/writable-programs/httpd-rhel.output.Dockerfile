FROM registry.access.redhat.com/ubi9/ubi:9.4
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN dnf install -y httpd && dnf clean all
RUN sed -i 's/^Listen 80$/Listen 8080/' /etc/httpd/conf/httpd.conf
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /run/httpd /var/log/httpd && chown 1001:1001 /run/httpd /var/log/httpd
EXPOSE 8080
USER 1001:1001
CMD ["httpd", "-DFOREGROUND"]
