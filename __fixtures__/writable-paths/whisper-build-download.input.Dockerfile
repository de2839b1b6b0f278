FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir openai-whisper
RUN python -c "import whisper; whisper.load_model('base')"
WORKDIR /app
COPY transcribe.py .
CMD ["python", "transcribe.py"]
