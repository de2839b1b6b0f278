ARG PY=python:3.13
FROM ${PY}-slim
ARG APP_VERSION=1.0
RUN pip install --no-cache-dir "fastapi==0.115.*" uvicorn
COPY app /app
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]
