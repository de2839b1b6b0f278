FROM debian:bookworm-slim
COPY tool /usr/local/bin/tool
ENTRYPOINT ["/usr/local/bin/tool"]
