FROM debian:bookworm-slim
COPY server /usr/local/bin/server
ENTRYPOINT ["setpriv", "--reuid=1000", "--regid=1000", "--init-groups", "/usr/local/bin/server"]
