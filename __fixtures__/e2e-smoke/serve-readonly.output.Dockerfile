# Serve a model that is bind-mounted read-only from the host.
FROM docker.io/library/python:3.12-slim
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --no-create-home --shell /usr/sbin/nologin nonroot

WORKDIR /srv
COPY index.html /srv/index.html

EXPOSE 8000
USER 1001:1001
CMD ["python", "-m", "http.server", "8000", "--bind", "127.0.0.1"]
