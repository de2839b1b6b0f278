FROM python:3.12-slim
ENV HF_HOME=/data/hf MPLCONFIGDIR=/data/matplotlib
COPY cache_writer.py /app/cache_writer.py
CMD ["python", "/app/cache_writer.py"]
