FROM python:3.12-slim AS base
WORKDIR /app

FROM base AS prod
COPY . /app/

FROM base AS dev
CMD ["python", "-m", "http.server"]
