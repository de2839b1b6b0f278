FROM python:3.11-slim
WORKDIR /app
COPY . .
ENV OUTPUT_DIR=/data/outputs
CMD ["python", "app.py"]
