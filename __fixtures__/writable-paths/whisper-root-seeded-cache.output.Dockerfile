FROM python:3.12-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
WORKDIR /usr/src/app
COPY whisper ./whisper
COPY df ./df
# whisper downloads in the unprivileged user's home (as root they would go to /root, which the user cannot enter)
ENV XDG_CACHE_HOME=/home/nonroot/.cache
RUN python -c "import whisper;whisper.load_model('medium')"
RUN python -c "from df.enhance import init_df;init_df()"
COPY *.py .
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /home/nonroot/.cache && chown -R 1001:1001 /home/nonroot/.cache
USER 1001:1001
CMD [ "python", "-u", "./index.py" ]
