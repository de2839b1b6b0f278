FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN pip install --no-cache-dir transformers
ENV HF_HOME=/srv/hf
ARG HF_TOKEN
RUN python -c "from huggingface_hub import login; login(token='${HF_TOKEN}')" \
    && python -c "from transformers import AutoModel; AutoModel.from_pretrained('meta-llama/Llama-3.2-1B')" && chown -R 1001:1001 /srv/hf
COPY app.py /app/app.py
USER 1001:1001
CMD ["python", "/app/app.py"]
