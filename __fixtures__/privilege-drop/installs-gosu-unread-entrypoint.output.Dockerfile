FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends gosu python3 && rm -rf /var/lib/apt/lists/*
COPY --from=ghcr.io/example/scripts:1 /entrypoint.sh /usr/local/bin/entrypoint.sh
ENTRYPOINT ["entrypoint.sh"]
CMD ["python3", "-m", "http.server"]
