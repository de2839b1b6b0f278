# Serve a model that is bind-mounted read-only from the host.
FROM docker.io/library/python:3.12-slim

WORKDIR /srv
COPY index.html /srv/index.html

EXPOSE 8000
CMD ["python", "-m", "http.server", "8000", "--bind", "127.0.0.1"]
