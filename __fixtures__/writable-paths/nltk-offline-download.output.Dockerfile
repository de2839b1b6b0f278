FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN apt-get update && apt-get install -y --no-install-recommends python3-nltk && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY nltk_offline.py app.py ./
# nltk data in a system folder every user reads (as root it would go to /root, which the user cannot enter)
ENV NLTK_DATA=/usr/local/share/nltk_data
RUN mkdir -p /usr/local/share/nltk_data
RUN python3 -c "import nltk_offline as nltk; nltk.download('stopwords')"
USER 1001:1001
CMD ["python3", "app.py"]
