FROM python:3.11-slim
COPY hf_standin /opt/hf_standin
ENV PYTHONPATH=/opt/hf_standin
ENV HF_HOME=/srv/hf
RUN python -c "from huggingface_hub import snapshot_download; snapshot_download('sentence-transformers/all-MiniLM-L6-v2', local_dir='/models/minilm')"
COPY app.py /app/app.py
CMD ["python", "/app/app.py"]
