# hadolint global ignore=DL3008,DL3002
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl
CMD ["curl", "--version"]
