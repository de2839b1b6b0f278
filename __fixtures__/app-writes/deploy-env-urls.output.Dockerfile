FROM python:3.12-slim AS base
WORKDIR /app
COPY requirements.txt /app/
RUN pip install --no-cache-dir -r requirements.txt

FROM base AS prod
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
COPY . /app/
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /cache /data && touch /data/site.sqlite3 && chown 1001:1001 /cache /data /data/site.sqlite3
USER 1001:1001
CMD ["gunicorn", "-b", "0.0.0.0:8000", "site.wsgi"]

FROM base AS dev
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
