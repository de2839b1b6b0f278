FROM alpine:3.20
RUN apk add --no-cache su-exec
COPY app /app
CMD ["sh", "-c", "chown -R 1000 /data && exec su-exec 1000 /app/server"]
