FROM python:3.11-slim
WORKDIR /app
RUN pip install pandas pillow
COPY app.py .
CMD ["python", "app.py"]
