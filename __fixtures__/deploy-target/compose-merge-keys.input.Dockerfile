FROM python:3.12-slim AS base
WORKDIR /app
COPY app.py /app/

FROM base AS prod
CMD ["python", "app.py"]

FROM base AS dev
CMD ["python", "-m", "pdb", "app.py"]
