FROM docker.io/library/debian:bookworm-slim
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --no-create-home --shell /usr/sbin/nologin nonroot

ENV OUTPUT_DIR=/app/output
WORKDIR /app
COPY pipeline.py /app/pipeline.py
RUN mkdir -p "$OUTPUT_DIR"

RUN mkdir -p /app/output && chown 1001:1001 /app/output
USER 1001:1001
CMD ["python3", "/app/pipeline.py"]
