FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
ENV HF_HOME=/models/hf
WORKDIR /app
RUN pip install --no-cache-dir transformers
RUN python -c "from huggingface_hub import snapshot_download; snapshot_download('org/model')" && chown -R 1001:1001 /models/hf
COPY preload.py serve.py ./
RUN python preload.py
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /models/hf && chown -R 1001:1001 /models/hf
USER 1001:1001
CMD ["python", "serve.py"]
