FROM python:3.11-slim
RUN pip install --no-cache-dir "huggingface_hub[cli]" transformers
ARG HF_TOKEN
RUN huggingface-cli login --token $HF_TOKEN
RUN huggingface-cli download meta-llama/Llama-3.2-1B && rm -f /root/.cache/huggingface/token
COPY app.py /app/app.py
CMD ["python", "/app/app.py"]
