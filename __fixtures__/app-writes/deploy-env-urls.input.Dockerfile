FROM python:3.12-slim AS base
WORKDIR /app
COPY requirements.txt /app/
RUN pip install --no-cache-dir -r requirements.txt

FROM base AS prod
COPY . /app/
CMD ["gunicorn", "-b", "0.0.0.0:8000", "site.wsgi"]

FROM base AS dev
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
