FROM python:3.12-slim AS base
ENV PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt /app/
RUN pip install --no-cache-dir -r requirements.txt

FROM base AS dev
COPY requirements-dev.txt /app/
RUN pip install --no-cache-dir -r requirements-dev.txt

FROM base AS prod
COPY . /app/
CMD ["gunicorn", "mysite.wsgi:application", "--bind", "0.0.0.0:8000"]
