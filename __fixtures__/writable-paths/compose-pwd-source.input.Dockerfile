FROM python:3.11-slim
ENV MLFLOW_ARTIFACTS=/app/mlruns
WORKDIR /app
RUN pip install mlflow
CMD ["mlflow", "server", "--host", "0.0.0.0", "--backend-store-uri", "sqlite:////app/mlruns/mlflow.db"]
