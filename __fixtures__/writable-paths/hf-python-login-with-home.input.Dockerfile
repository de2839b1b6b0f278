FROM python:3.11-slim
RUN pip install --no-cache-dir transformers
ENV HF_HOME=/srv/hf
ARG HF_TOKEN
RUN python -c "from huggingface_hub import login; login(token='${HF_TOKEN}')" \
    && python -c "from transformers import AutoModel; AutoModel.from_pretrained('meta-llama/Llama-3.2-1B')"
COPY app.py /app/app.py
CMD ["python", "/app/app.py"]
