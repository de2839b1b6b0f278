FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN microdnf install -y shadow-utils && microdnf clean all && groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN microdnf install -y python3.11 && microdnf clean all
COPY app.py /opt/app/app.py
USER 1001:1001
CMD ["python3.11", "/opt/app/app.py"]
