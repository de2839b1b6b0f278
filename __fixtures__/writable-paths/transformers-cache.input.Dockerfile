FROM python:3.11-slim
ENV TRANSFORMERS_CACHE=/cache/transformers
RUN pip install --no-cache-dir transformers==4.40.0
COPY app.py /app/app.py
CMD ["python", "/app/app.py"]
