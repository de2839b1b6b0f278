FROM python:3.11-slim
RUN pip install --no-cache-dir celery redis
COPY worker.py /srv/worker/worker.py
ENV RESULTS_DIR=/data/results
CMD ["celery", "-A", "worker", "worker"]
