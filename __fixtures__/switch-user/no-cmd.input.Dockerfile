FROM python:3.12-slim
RUN pip install --no-cache-dir pandas
COPY jobs /jobs
ENV PYTHONUNBUFFERED=1
