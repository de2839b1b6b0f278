FROM python:3.11-slim
RUN mkdir -p /srv/storage/uploads /srv/storage/outputs
ENV STORAGE_DIR=/srv/storage
COPY app.py /app/app.py
CMD ["python", "/app/app.py"]
