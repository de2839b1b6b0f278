FROM alpine:3.20
RUN addgroup -S svc && adduser -u 1001 -S -G svc svc
COPY svc /usr/local/bin/svc
USER 1001
ENTRYPOINT ["/usr/local/bin/svc"]
