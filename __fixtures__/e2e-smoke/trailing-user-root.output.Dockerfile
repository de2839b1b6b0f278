FROM docker.io/library/debian:bookworm-slim
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --no-create-home --shell /usr/sbin/nologin nonroot

USER nobody
RUN echo "checking something as nobody" && id
USER 1001:1001

CMD ["sleep", "infinity"]
