FROM debian:bookworm-slim
COPY server /usr/local/bin/server
CMD chroot --userspec=1000:1000 / /usr/local/bin/server
