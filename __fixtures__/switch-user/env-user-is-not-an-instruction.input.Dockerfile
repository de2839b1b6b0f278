FROM python:3.12-slim
ENV USER=root HOME=/root
COPY app.py /app/app.py
CMD ["python", "/app/app.py"]
