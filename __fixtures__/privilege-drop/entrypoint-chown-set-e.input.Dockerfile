FROM debian:bookworm-slim
RUN mkdir -p /data
COPY entrypoint.sh /usr/local/bin/entrypoint.sh
ENTRYPOINT ["sh", "/usr/local/bin/entrypoint.sh"]
CMD ["sleep", "60"]
