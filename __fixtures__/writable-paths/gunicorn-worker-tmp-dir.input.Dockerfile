FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn flask
WORKDIR /app
COPY . .
USER root
CMD ["gunicorn", "--worker-tmp-dir", "/var/run/gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
