FROM python:3.11-slim
WORKDIR /app
COPY . .
ENV EXPORT_DIR=/exports
CMD ["python", "app.py"]
