FROM python:3.11-slim
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN pip install --no-cache-dir "huggingface_hub[cli]" sentence-transformers
ENV HF_HOME=/home/nonroot/.cache/huggingface
RUN huggingface-cli download sentence-transformers/all-MiniLM-L6-v2 && chown -R 1001:1001 /home/nonroot/.cache/huggingface
WORKDIR /app
COPY app.py .
USER 1001:1001
CMD ["python", "app.py"]
