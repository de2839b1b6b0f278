FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
WORKDIR /app
RUN pip install --no-cache-dir transformers torch
# Hugging Face cache in a folder the unprivileged user owns (default $HOME/.cache fails without a writable home)
ENV HF_HOME=/home/nonroot/.cache/huggingface
COPY preload.py .
RUN python preload.py
COPY serve.py .
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /home/nonroot/.cache/huggingface /home/nonroot/.cache && chown 1001:1001 /home/nonroot/.cache && chown -R 1001:1001 /home/nonroot/.cache/huggingface
USER 1001:1001
CMD ["python", "serve.py"]
