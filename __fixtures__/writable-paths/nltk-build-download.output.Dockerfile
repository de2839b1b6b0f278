FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN pip install --no-cache-dir nltk
# nltk data in a system folder every user reads (as root it would go to /root, which the user cannot enter)
ENV NLTK_DATA=/usr/local/share/nltk_data
RUN mkdir -p /usr/local/share/nltk_data
RUN python -m nltk.downloader punkt stopwords
RUN python -c "import nltk; nltk.download('wordnet')"
WORKDIR /app
COPY app.py .
USER 1001:1001
CMD ["python", "app.py"]
