FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
COPY hf_standin /opt/hf_standin
ENV PYTHONPATH=/opt/hf_standin
ENV HF_HOME=/srv/hf
RUN python -c "from huggingface_hub import snapshot_download; snapshot_download('sentence-transformers/all-MiniLM-L6-v2', local_dir='/models/minilm')" && mkdir -p /srv/hf && chown -R 1001:1001 /srv/hf
COPY app.py /app/app.py
USER 1001:1001
CMD ["python", "/app/app.py"]
