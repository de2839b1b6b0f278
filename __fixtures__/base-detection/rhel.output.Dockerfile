FROM registry.access.redhat.com/ubi9/ubi:9.4
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN dnf install -y python3 && dnf clean all
COPY app.py /opt/app/app.py
USER 1001:1001
CMD ["python3", "/opt/app/app.py"]
