FROM debian:bookworm-slim
ENV LOG_DIR=/var/log DATA_DIR=/opt CACHE_DIR=/tmp STATE_DIR=/var/lib/myapp
VOLUME /var
COPY app /usr/local/bin/app
CMD ["/usr/local/bin/app"]
