FROM python:3.12-slim
COPY . /app
# nosemgrep
CMD ["python", "/app/main.py"]
