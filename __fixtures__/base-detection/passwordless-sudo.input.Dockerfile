FROM debian:bookworm
RUN apt-get update && apt-get install -y sudo && useradd -m -u 1000 -G sudo app && echo "%sudo ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers
USER app
CMD ["python"]
