FROM python:3.11-slim
WORKDIR /app
COPY . .
ENV DATA_DIR=/app
CMD ["python", "app.py"]
