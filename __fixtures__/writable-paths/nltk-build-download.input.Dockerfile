FROM python:3.11-slim
RUN pip install --no-cache-dir nltk
RUN python -m nltk.downloader punkt stopwords
RUN python -c "import nltk; nltk.download('wordnet')"
WORKDIR /app
COPY app.py .
CMD ["python", "app.py"]
