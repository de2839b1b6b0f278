FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y python3 \
 && useradd --uid 1001 -m worker
COPY worker.py /opt/worker.py
USER 1001
CMD ["python3", "/opt/worker.py"]
