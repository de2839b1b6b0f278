FROM debian:bookworm-slim
ADD https://github.com/example/forego/releases/download/v0.16.1/forego /usr/local/bin/forego
RUN chmod 755 /usr/local/bin/forego
CMD ["forego", "start"]
