FROM cgr.dev/chainguard/wolfi-base:latest
RUN apk add --no-cache python-3.12
COPY app.py /app/app.py
CMD ["python3", "/app/app.py"]
