FROM public.ecr.aws/amazonlinux/amazonlinux:2023
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN dnf install -y shadow-utils && dnf clean all && groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN dnf install -y python3.11 && dnf clean all
COPY worker.py /srv/worker.py
USER 1001:1001
CMD ["python3.11", "/srv/worker.py"]
