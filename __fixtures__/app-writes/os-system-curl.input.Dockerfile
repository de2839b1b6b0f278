FROM python:3.11-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
# The feed the job downloads, served from the image itself (a file:// URL needs no network).
COPY feed/ /srv/feed/
WORKDIR /app
COPY ingest_data.py ingest_data.py
ENTRYPOINT ["python", "ingest_data.py", "--url", "file:///srv/feed/yellow_tripdata_2021-01.parquet"]
