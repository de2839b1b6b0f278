# harden with --uid 4242 --gid 4242 --user ml --group ml
FROM python:3.12-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 4242 ml && useradd --system --uid 4242 --gid 4242 --no-log-init --create-home --home-dir /home/ml --shell /usr/sbin/nologin ml
COPY train.py /opt/train.py
USER 4242:4242
CMD ["python", "/opt/train.py"]
