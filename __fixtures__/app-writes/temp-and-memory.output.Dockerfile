FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
WORKDIR /app
RUN pip install pandas pillow
COPY app.py .
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /srv/scratch && chown 1001:1001 /srv/scratch
USER 1001:1001
CMD ["python", "app.py"]
