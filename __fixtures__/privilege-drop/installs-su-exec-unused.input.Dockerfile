FROM alpine:3.19
RUN apk add --no-cache python3 su-exec tini
WORKDIR /srv
COPY server.py .
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["python3", "server.py"]
