FROM python:3.11-slim
ENV HF_HOME=/models/hf
WORKDIR /app
RUN pip install --no-cache-dir transformers
RUN python -c "from huggingface_hub import snapshot_download; snapshot_download('org/model')"
COPY preload.py serve.py ./
RUN python preload.py
CMD ["python", "serve.py"]
