FROM python:3.11-slim
RUN pip install --no-cache-dir pandas pyarrow
WORKDIR /pipeline
COPY pipeline.py .
ENV INPUT_DIR=/data/in OUTPUT_DIR=/data/out
RUN mkdir -p /data/in /data/out
CMD ["python", "pipeline.py"]
