FROM bitnami/python:3.12
USER root
RUN install_packages libpq5
COPY app /app
CMD ["python", "/app/main.py"]
