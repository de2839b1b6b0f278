ARG BASE=python:3.12-slim
FROM ${BASE}
COPY app.py /app.py
CMD ["python", "/app.py"]
