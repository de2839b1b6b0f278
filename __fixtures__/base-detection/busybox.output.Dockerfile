FROM busybox:1.36
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN addgroup -S -g 1001 nonroot && adduser -S -D -u 1001 -G nonroot -h /home/nonroot nonroot
COPY www /www
USER 1001:1001
CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]
