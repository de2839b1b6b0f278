ARG VER=24.04
FROM ubuntu:$VER
RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
COPY serve.py /srv/serve.py
CMD ["python3", "/srv/serve.py"]
