FROM python:3.12-slim
ENV SCRATCH_DIR=/pipeline/tmp \
    QUEUE_DIR=/var/lib/pipeline/queue
RUN mkdir -p /pipeline/tmp /var/lib/pipeline/queue
COPY pipeline.py /opt/pipeline/pipeline.py
CMD ["python", "/opt/pipeline/pipeline.py"]
