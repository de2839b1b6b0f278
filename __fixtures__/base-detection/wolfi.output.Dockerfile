FROM cgr.dev/chainguard/wolfi-base:latest
RUN apk add --no-cache python-3.12
COPY app.py /app/app.py
USER 65532:65532
CMD ["python3", "/app/app.py"]
