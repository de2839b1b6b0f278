FROM python:3.12-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
WORKDIR /code
COPY . /code/
RUN pip install --no-cache-dir django pillow
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /code/site/media && chown 1001:1001 /code/site/media && chgrp 1001 /code/site && chmod 1775 /code/site
USER 1001:1001
CMD ["sh", "-c", "cd site && python manage.py migrate && python manage.py runserver 0.0.0.0:8000"]
