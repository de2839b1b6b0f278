FROM docker.io/library/python:3.12-slim@sha256:2c2bd5fe7e1a1c5b2d8d7e4a8f0d1a6b7c3e9f0a1b2c3d4e5f60718293a4b5c6
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
COPY . /app
USER 1001:1001
CMD ["python", "/app/main.py"]
