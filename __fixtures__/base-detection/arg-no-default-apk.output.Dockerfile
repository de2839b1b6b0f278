ARG BASE
FROM ${BASE}
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN addgroup -S -g 1001 nonroot && adduser -S -D -u 1001 -G nonroot -h /home/nonroot nonroot
RUN apk add --no-cache ca-certificates
COPY bin/server /server
USER 1001:1001
CMD ["/server"]
