FROM python:3.11-slim
WORKDIR /app
COPY . .
ENV DATA_DIR=/data
CMD ["python", "app.py"]
