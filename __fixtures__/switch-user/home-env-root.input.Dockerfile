FROM python:3.11-slim
ENV HOME=/root \
    PYTHONUNBUFFERED=1
WORKDIR /app
COPY serve.py .
# Serve the model
CMD ["python", "serve.py"]
