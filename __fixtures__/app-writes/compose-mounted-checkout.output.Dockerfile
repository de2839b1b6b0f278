FROM python:3.12-slim AS base
ENV PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt /app/
RUN pip install --no-cache-dir -r requirements.txt

FROM base AS dev
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
COPY requirements-dev.txt /app/
RUN pip install --no-cache-dir -r requirements-dev.txt
# Paths written at run time, owned by the unprivileged user (only these)
RUN chgrp 1001 /app && chmod 1775 /app
USER 1001:1001

FROM base AS prod
COPY . /app/
CMD ["gunicorn", "mysite.wsgi:application", "--bind", "0.0.0.0:8000"]
