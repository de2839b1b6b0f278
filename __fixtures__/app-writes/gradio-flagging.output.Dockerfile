FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
ADD . /opt/webui/
RUN python3 -m pip install -r /opt/webui/requirements.txt
WORKDIR /opt/webui/
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /opt/webui/flagged && chown 1001:1001 /opt/webui/flagged
USER 1001:1001
ENTRYPOINT ["python3"]
CMD ["app.py", "--server_name", "0.0.0.0"]
