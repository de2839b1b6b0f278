FROM python:3.12-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN useradd --system --uid 1001 --gid nonroot --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN groupadd --gid 1001 nonroot
COPY . /app
USER 1001:1001
CMD ["python", "/app/run.py"]
