ARG PY=python:3.13
FROM ${PY}-slim
ARG APP_VERSION=1.0
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN pip install --no-cache-dir "fastapi==0.115.*" uvicorn
COPY app /app
USER 1001:1001
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]
