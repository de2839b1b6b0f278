FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
ENV MLFLOW_ARTIFACTS=/app/mlruns
WORKDIR /app
RUN pip install mlflow
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /app/mlruns && touch /app/mlruns/mlflow.db && chown 1001:1001 /app/mlruns /app/mlruns/mlflow.db
USER 1001:1001
CMD ["mlflow", "server", "--host", "0.0.0.0", "--backend-store-uri", "sqlite:////app/mlruns/mlflow.db"]
