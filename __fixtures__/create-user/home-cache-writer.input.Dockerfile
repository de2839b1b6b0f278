FROM python:3.11-slim
WORKDIR /app
COPY serve.py .
CMD ["python", "serve.py"]
