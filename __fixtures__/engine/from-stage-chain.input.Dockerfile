FROM python:3.12-slim AS base
RUN pip install --no-cache-dir numpy

FROM base AS deps
RUN pip install --no-cache-dir scikit-learn

FROM deps
COPY pipeline.py /opt/pipeline.py
CMD ["python", "/opt/pipeline.py"]
