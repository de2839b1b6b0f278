FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y python3 \
 && useradd -m worker
COPY worker.py /opt/worker.py
CMD ["python3", "/opt/worker.py"]
