FROM python:3.11-slim
WORKDIR /srv/job
COPY job.py .
CMD ["python", "job.py"]
