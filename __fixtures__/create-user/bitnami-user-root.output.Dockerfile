FROM bitnami/python:3.12
USER root
RUN install_packages libpq5
COPY app /app
USER 1001
CMD ["python", "/app/main.py"]
