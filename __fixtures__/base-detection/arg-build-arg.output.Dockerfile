ARG BASE=python:3.12-slim
FROM ${BASE}
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN addgroup -S -g 1001 nonroot && adduser -S -D -u 1001 -G nonroot -h /home/nonroot nonroot
COPY app.py /app.py
USER 1001:1001
CMD ["python", "/app.py"]
