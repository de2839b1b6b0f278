FROM python:3.11-slim
RUN pip install --no-cache-dir "huggingface_hub[cli]" sentence-transformers
RUN huggingface-cli download sentence-transformers/all-MiniLM-L6-v2
WORKDIR /app
COPY app.py .
CMD ["python", "app.py"]
