FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
WORKDIR /app
RUN pip install --no-cache-dir notebook
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /home/nonroot/.local/share/jupyter /home/nonroot/.jupyter /home/nonroot/.ipython /app /home/nonroot/.local/share /home/nonroot/.local && chown 1001:1001 /home/nonroot/.local/share/jupyter /home/nonroot/.jupyter /home/nonroot/.ipython /app /home/nonroot/.local/share /home/nonroot/.local
USER 1001:1001
CMD ["jupyter", "notebook", "--ip=0.0.0.0", "--no-browser"]
