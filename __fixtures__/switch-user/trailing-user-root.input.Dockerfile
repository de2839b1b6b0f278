FROM python:3.12-slim
RUN pip install --no-cache-dir flask
COPY app.py /app/app.py
USER root
CMD ["python", "/app/app.py"]
