FROM alpine:3.19
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN addgroup -S -g 1001 nonroot && adduser -S -D -u 1001 -G nonroot -h /home/nonroot nonroot
RUN apk add --no-cache python3 su-exec tini
WORKDIR /srv
COPY server.py .
USER 1001:1001
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["python3", "server.py"]
