FROM python:3.11-slim
RUN pip install --no-cache-dir torch --index-url https://download.pytorch.org/whl/cpu
WORKDIR /workspace
COPY train.py .
VOLUME /workspace/models
CMD ["python", "train.py", "--output-dir", "/workspace/models"]
