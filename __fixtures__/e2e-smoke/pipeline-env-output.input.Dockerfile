FROM docker.io/library/debian:bookworm-slim

ENV OUTPUT_DIR=/app/output
WORKDIR /app
COPY pipeline.py /app/pipeline.py
RUN mkdir -p "$OUTPUT_DIR"

CMD ["python3", "/app/pipeline.py"]
