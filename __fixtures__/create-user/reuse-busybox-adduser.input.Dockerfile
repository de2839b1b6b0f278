FROM alpine:3.20
RUN addgroup -S svc && adduser -S -G svc svc
COPY svc /usr/local/bin/svc
ENTRYPOINT ["/usr/local/bin/svc"]
