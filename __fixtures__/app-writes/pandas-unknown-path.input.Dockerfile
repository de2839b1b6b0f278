FROM python:3.11-slim
WORKDIR /app
COPY report.py .
CMD ["python", "report.py", "summary.csv"]
