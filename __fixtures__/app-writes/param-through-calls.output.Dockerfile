FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
# Stands in for pandas (no PyPI here): read_csv / to_csv open their files as pandas does.
COPY pandas_standin /opt/pandas_standin
ENV PYTHONPATH=/opt/pandas_standin
WORKDIR /app
COPY etl_process.py input_data.csv /app/
# Paths written at run time, owned by the unprivileged user (only these)
RUN chgrp 1001 /app && chmod 1775 /app
USER 1001:1001
CMD ["python", "etl_process.py"]
