FROM python:3.11-slim
RUN pip install --no-cache-dir transformers torch
ENV HF_HOME=/models/hf-cache TORCH_HOME=/models/torch
WORKDIR /app
COPY . .
CMD ["python", "serve.py"]
