FROM docker.io/library/debian:bookworm-slim

USER nobody
RUN echo "checking something as nobody" && id
USER root

CMD ["sleep", "infinity"]
