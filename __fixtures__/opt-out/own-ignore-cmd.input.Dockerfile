FROM python:3.12-slim
COPY . /app
# harden-dockerfile ignore
CMD ["python", "/app/main.py"]
