FROM python:3.12-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
ENV PYTHONUNBUFFERED=1
WORKDIR /code
COPY requirements.txt /code/
RUN pip install -r requirements.txt
COPY . /code/
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /code/media && chown 1001:1001 /code/media && chgrp 1001 /code && chmod 1775 /code
USER 1001:1001
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
