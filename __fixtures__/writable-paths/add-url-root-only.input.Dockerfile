FROM debian:bookworm-slim
ADD https://github.com/example/forego/releases/download/v0.16.1/forego /usr/local/bin/forego
RUN chmod u+x /usr/local/bin/forego
COPY Procfile /app/Procfile
COPY secrets.conf /app/secrets.conf
RUN chmod 0400 /app/secrets.conf
WORKDIR /app
CMD ["forego", "start", "-f", "/app/Procfile", "-e", "/app/secrets.conf"]
