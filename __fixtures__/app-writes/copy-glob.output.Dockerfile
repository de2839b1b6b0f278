FROM python:3.12-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
WORKDIR /usr/src/app
COPY requirements.txt ./
COPY *.py .
COPY conf/[a-c]?.ini conf/
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /usr/src/app/reports && chown 1001:1001 /usr/src/app/reports
USER 1001:1001
CMD [ "python", "-u", "./index.py" ]
