FROM cgr.dev/chainguard/python:latest-dev
USER root
RUN apk add --no-cache libpq
USER nonroot
COPY app.py /app/app.py
ENTRYPOINT ["python", "/app/app.py"]
