FROM python:3.12-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
ENV HF_HOME=/data/hf MPLCONFIGDIR=/data/matplotlib
COPY cache_writer.py /app/cache_writer.py
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /data/hf /data/matplotlib && chown 1001:1001 /data/hf /data/matplotlib
USER 1001:1001
CMD ["python", "/app/cache_writer.py"]
