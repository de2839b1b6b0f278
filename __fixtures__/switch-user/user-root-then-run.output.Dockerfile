FROM python:3.12-slim
RUN useradd --uid 1500 svc
USER svc
COPY app.py /app/app.py
USER root
RUN apt-get update && apt-get install -y curl
USER 1500
CMD ["python", "/app/app.py"]
