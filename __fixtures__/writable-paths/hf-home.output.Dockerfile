FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN pip install --no-cache-dir transformers torch
ENV HF_HOME=/models/hf-cache TORCH_HOME=/models/torch
WORKDIR /app
COPY . .
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /models/hf-cache /models/torch && chown 1001:1001 /models/hf-cache /models/torch
USER 1001:1001
CMD ["python", "serve.py"]
