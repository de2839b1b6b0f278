FROM python:3.11-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3-celery \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
CMD ["python3", "-m", "celery", "-A", "tasks", "beat", "--loglevel=info"]
