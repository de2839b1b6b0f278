FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
# Hugging Face cache in a folder the unprivileged user owns (default $HOME/.cache fails without a writable home)
ENV HF_HOME=/home/nonroot/.cache/huggingface
COPY . .
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /home/nonroot/.cache/huggingface /home/nonroot/.cache && chown 1001:1001 /home/nonroot/.cache/huggingface /home/nonroot/.cache
USER 1001:1001
CMD ["uvicorn", "app:app", "--host", "0.0.0.0"]
