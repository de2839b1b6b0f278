FROM python:3.11-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3-django \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
ENV CACHE_URL=filecache:////var/cache/site
CMD ["python3", "serve.py"]
