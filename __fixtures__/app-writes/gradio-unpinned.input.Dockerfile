FROM python:3.11-slim
RUN pip install gradio
WORKDIR /app
COPY app.py .
CMD ["python", "app.py"]
