FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends python3-nltk && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY nltk_offline.py app.py ./
RUN python3 -c "import nltk_offline as nltk; nltk.download('stopwords')"
CMD ["python3", "app.py"]
