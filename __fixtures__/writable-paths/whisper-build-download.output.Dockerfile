FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir openai-whisper
# whisper downloads in the unprivileged user's home (as root they would go to /root, which the user cannot enter)
ENV XDG_CACHE_HOME=/home/nonroot/.cache
RUN python -c "import whisper; whisper.load_model('base')"
WORKDIR /app
COPY transcribe.py .
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /home/nonroot/.cache && chown -R 1001:1001 /home/nonroot/.cache
USER 1001:1001
CMD ["python", "transcribe.py"]
