FROM python:3.11-slim
WORKDIR /app
COPY . .
ENV OUTPUT_DIR=/app/outputs
CMD ["python", "app.py"]
