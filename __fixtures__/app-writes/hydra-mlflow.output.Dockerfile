FROM python:3.10-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
WORKDIR /app
COPY . /app
RUN pip install --no-cache-dir hydra-core mlflow torch
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /app/outputs /app/mlruns && chown 1001:1001 /app/outputs /app/mlruns
USER 1001:1001
ENTRYPOINT ["python", "src/train.py"]
