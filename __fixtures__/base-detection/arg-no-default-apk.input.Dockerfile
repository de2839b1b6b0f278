ARG BASE
FROM ${BASE}
RUN apk add --no-cache ca-certificates
COPY bin/server /server
CMD ["/server"]
