FROM registry.example.com/platform/ml-base:2024.06
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN apt-get update && apt-get install -y libgomp1
COPY model_server.py /srv/
USER 1001:1001
CMD ["python", "/srv/model_server.py"]
