FROM python:3.11-slim
WORKDIR /app
RUN pip install --no-cache-dir transformers torch
COPY preload.py .
RUN python preload.py
COPY serve.py .
CMD ["python", "serve.py"]
