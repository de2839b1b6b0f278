FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN pip install --no-cache-dir spacy
# The model is a pip package: it lands in site-packages, which every user reads
RUN python -m spacy download en_core_web_sm
WORKDIR /app
COPY app.py .
USER 1001:1001
CMD ["python", "app.py"]
