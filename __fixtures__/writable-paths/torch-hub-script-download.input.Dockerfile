FROM python:3.11-slim
COPY fetch_models.py serve.py /app/
RUN python /app/fetch_models.py
CMD ["python", "/app/serve.py"]
