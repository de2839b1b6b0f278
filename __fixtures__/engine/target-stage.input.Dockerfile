FROM python:3.12-slim AS app
COPY app.py /app.py
CMD ["python", "/app.py"]

FROM app AS test
RUN pip install --no-cache-dir pytest
CMD ["pytest"]
