FROM python:3.12-slim
# harden-dockerfile ignore
RUN useradd --no-create-home app
COPY . /app
CMD ["python", "/app/main.py"]
