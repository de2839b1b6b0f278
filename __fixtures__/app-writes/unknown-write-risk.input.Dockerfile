FROM python:3.11-slim
WORKDIR /app
COPY export.py .
CMD ["python", "export.py"]
