FROM python:3.12-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN pip install --no-cache-dir gunicorn flask
WORKDIR /app
COPY . .
USER root
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /var/run/gunicorn && chown 1001:1001 /var/run/gunicorn
USER 1001:1001
CMD ["gunicorn", "--worker-tmp-dir", "/var/run/gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
