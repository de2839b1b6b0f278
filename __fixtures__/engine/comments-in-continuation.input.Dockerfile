FROM debian:bookworm-slim
RUN apt-get update \
    # tools for the health check
    && apt-get install -y curl \
    # keep the image small
    && rm -rf /var/lib/apt/lists/*
CMD ["sleep", "infinity"]
