FROM python:3.12-alpine
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN addgroup -S -g 1001 nonroot && adduser -S -D -u 1001 -G nonroot -h /home/nonroot nonroot
RUN apk add --no-cache libpq
WORKDIR /app
COPY . .
USER 1001:1001
CMD ["python", "-m", "app"]
