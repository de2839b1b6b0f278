FROM python:3.12-slim
RUN groupadd --gid 1001 nonroot
COPY . /app
CMD ["python", "/app/run.py"]
