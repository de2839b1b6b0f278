FROM ubuntu:22.04
RUN apt-get update && apt-get install -y python3 && rm -rf /var/lib/apt/lists/*
COPY serve.py /srv/serve.py
CMD ["python3", "/srv/serve.py"]
