# syntax=docker/dockerfile:1
FROM python:3.12-slim
RUN <<EOF
set -e
pip install --no-cache-dir requests
EOF
COPY <<EOF /app/main.py
print("hello")
EOF
CMD ["python", "/app/main.py"]
