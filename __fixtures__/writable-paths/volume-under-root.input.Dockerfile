FROM python:3.11-slim
COPY app.py /app/app.py
VOLUME /root/.cache/app
CMD ["python", "/app/app.py"]
