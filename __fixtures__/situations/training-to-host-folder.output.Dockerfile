FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN pip install --no-cache-dir torch --index-url https://download.pytorch.org/whl/cpu
WORKDIR /workspace
COPY train.py .
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /workspace/models && chown 1001:1001 /workspace/models
VOLUME /workspace/models
USER 1001:1001
CMD ["python", "train.py", "--output-dir", "/workspace/models"]
