FROM python:3.11-slim
RUN pip install --no-cache-dir transformers torch \
    && python -c "from transformers import AutoModel; AutoModel.from_pretrained('bert-base-uncased')"
ENV HF_HOME=/srv/hf
COPY app.py /app/app.py
CMD ["python", "/app/app.py"]
