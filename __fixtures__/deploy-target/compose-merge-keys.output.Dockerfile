FROM python:3.12-slim AS base
WORKDIR /app
COPY app.py /app/

FROM base AS prod
CMD ["python", "app.py"]

FROM base AS dev
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
USER 1001:1001
CMD ["python", "-m", "pdb", "app.py"]
