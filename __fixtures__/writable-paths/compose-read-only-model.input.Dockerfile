FROM python:3.11-slim
WORKDIR /app
COPY . .
ENV MODEL_DIR=/models
CMD ["python", "app.py"]
