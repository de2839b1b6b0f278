FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends python3 \
 && useradd -r -u 1500 worker
COPY worker.py /opt/worker.py
USER 1500
CMD ["python3", "/opt/worker.py"]
