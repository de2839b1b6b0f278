FROM python:3.11-slim
# Stands in for pandas (no PyPI here): read_csv / to_csv open their files as pandas does.
COPY pandas_standin /opt/pandas_standin
ENV PYTHONPATH=/opt/pandas_standin
WORKDIR /app
COPY etl_process.py input_data.csv /app/
CMD ["python", "etl_process.py"]
