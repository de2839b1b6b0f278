FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN pip install --no-cache-dir "huggingface_hub[cli]" transformers
ARG HF_TOKEN
RUN huggingface-cli login --token $HF_TOKEN
RUN huggingface-cli download meta-llama/Llama-3.2-1B && rm -f /root/.cache/huggingface/token
COPY app.py /app/app.py
USER 1001:1001
CMD ["python", "/app/app.py"]
