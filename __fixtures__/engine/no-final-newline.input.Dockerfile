FROM python:3.12-slim
COPY app.py /app.py
RUN pip install flask