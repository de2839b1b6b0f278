FROM python:3.11-slim
RUN pip install --no-cache-dir spacy
# The model is a pip package: it lands in site-packages, which every user reads
RUN python -m spacy download en_core_web_sm
WORKDIR /app
COPY app.py .
CMD ["python", "app.py"]
