FROM python:3.11-slim
WORKDIR /srv
ENV HF_HOME=./cache
RUN pip install --no-cache-dir transformers
WORKDIR /app
COPY app.py .
CMD ["python", "app.py"]
