FROM python:3.10-slim
WORKDIR /app
COPY . /app
RUN pip install --no-cache-dir hydra-core mlflow torch
ENTRYPOINT ["python", "src/train.py"]
