FROM python:3.11-slim
WORKDIR /app
COPY main.py .
CMD ["python", "main.py"]
